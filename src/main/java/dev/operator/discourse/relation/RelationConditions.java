package dev.operator.discourse.relation;

/** Condition types and reasons shared by the relation kinds. */
public final class RelationConditions {

    public static final String READY = "Ready";
    public static final String CONNECTED = "Connected";
    public static final String EXTENSIONS_READY = "ExtensionsReady";
    public static final String INSTANCE_FOUND = "InstanceFound";

    private RelationConditions() {
    }
}
