package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

public class DatabaseRelationSpec extends RelationSpec {

    public static final List<String> DEFAULT_EXTENSIONS = List.of("hstore", "pg_trgm", "unaccent");

    @Required
    @JsonPropertyDescription("Secret with the connection, as CloudNativePG's app Secret has it (host, port, dbname, user, password, optional sslmode). The pods read it through secretKeyRef.")
    private ConnectionSecretRef secretRef;

    @JsonPropertyDescription("Secret with a role allowed to create the extensions the app role cannot (vector needs a superuser). Used only by the operator, never given to the pods.")
    private AdminSecretRef adminSecretRef;

    @Default("[\"hstore\",\"pg_trgm\",\"unaccent\"]")
    @JsonPropertyDescription("Extensions to create in the database when missing. hstore, pg_trgm and unaccent are trusted: the database owner can create them; vector needs adminSecretRef.")
    private List<String> extensions = new ArrayList<>(DEFAULT_EXTENSIONS);

    @Default("false")
    @JsonPropertyDescription("Skip the operator's live check, for clusters where the operator cannot reach the database. Extensions are then not created.")
    private boolean skipConnectionCheck = false;

    @Default("false")
    @JsonPropertyDescription("The host is a PgBouncer in transaction mode: turns off prepared statements and advisory locks.")
    private boolean pgBouncer = false;

    public ConnectionSecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(ConnectionSecretRef secretRef) {
        this.secretRef = secretRef;
    }

    public AdminSecretRef getAdminSecretRef() {
        return adminSecretRef;
    }

    public void setAdminSecretRef(AdminSecretRef adminSecretRef) {
        this.adminSecretRef = adminSecretRef;
    }

    public List<String> getExtensions() {
        return extensions;
    }

    public void setExtensions(List<String> extensions) {
        this.extensions = extensions;
    }

    public boolean isSkipConnectionCheck() {
        return skipConnectionCheck;
    }

    public void setSkipConnectionCheck(boolean skipConnectionCheck) {
        this.skipConnectionCheck = skipConnectionCheck;
    }

    public boolean isPgBouncer() {
        return pgBouncer;
    }

    public void setPgBouncer(boolean pgBouncer) {
        this.pgBouncer = pgBouncer;
    }
}
