package dev.operator.discourse.api.v1alpha1;

public class RedisRelationStatus extends ServerRelationStatus {
}
