package dev.operator.discourse.usertask;

/** The container a command runs in. */
public record PodTarget(String namespace, String pod, String container) {
}
