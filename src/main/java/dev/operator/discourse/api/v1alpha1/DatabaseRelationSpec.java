package dev.operator.discourse.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
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
    @JsonPropertyDescription("The host is a PgBouncer in transaction mode: turns off prepared statements and advisory locks. Set backupHost too: pg_dump must reach the server itself.")
    private boolean pgBouncer = false;

    @JsonPropertyDescription("Secret key holding the PEM certificate of the CA that signed the server's certificate, for sslmode verify-ca and verify-full (CloudNativePG: Secret <cluster>-ca, key ca.crt). Mounted read-only into the pods, where PGSSLROOTCERT names it.")
    private SecretKeyRef caSecretRef;

    @JsonPropertyDescription("Host that Discourse's backups dial with pg_dump (DISCOURSE_DB_BACKUP_HOST), when the Secret's host is a pooler. Defaults to the Secret's host.")
    private String backupHost;

    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port that Discourse's backups dial with pg_dump (DISCOURSE_DB_BACKUP_PORT). Defaults to the Secret's port; Discourse itself would dial 5432.")
    private Integer backupPort;

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

    public SecretKeyRef getCaSecretRef() {
        return caSecretRef;
    }

    public void setCaSecretRef(SecretKeyRef caSecretRef) {
        this.caSecretRef = caSecretRef;
    }

    public String getBackupHost() {
        return backupHost;
    }

    public void setBackupHost(String backupHost) {
        this.backupHost = backupHost;
    }

    public Integer getBackupPort() {
        return backupPort;
    }

    public void setBackupPort(Integer backupPort) {
        this.backupPort = backupPort;
    }

    public boolean isPgBouncer() {
        return pgBouncer;
    }

    public void setPgBouncer(boolean pgBouncer) {
        this.pgBouncer = pgBouncer;
    }
}
