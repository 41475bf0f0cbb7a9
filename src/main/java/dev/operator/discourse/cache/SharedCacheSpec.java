package dev.operator.discourse.cache;

import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What a cache several controllers share holds: one kind, selected by label, each object as the pruning leaves
 * it. The pruning has to keep what every reader reads; the name tells two shared caches of one kind apart.
 */
public record SharedCacheSpec<T extends HasMetadata>(String name, Class<T> kind, String labelSelector,
        UnaryOperator<T> pruning) {
}
