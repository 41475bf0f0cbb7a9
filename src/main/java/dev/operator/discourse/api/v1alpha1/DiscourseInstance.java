package dev.operator.discourse.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Discourse forum: its workload, services, secret_key_base and uploads volume. */
// display name and description of the owned CRD in the OLM bundle
@CSVMetadata(displayName = "Discourse instance",
        description = "One Discourse forum: its StatefulSet, Services, secret_key_base Secret and uploads volume; migrations run as Jobs before traffic.")
@Group(DiscourseInstance.GROUP)
@Version(DiscourseInstance.VERSION)
@ShortNames("dsc")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Replicas", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.readyReplicas")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class DiscourseInstance extends CustomResource<DiscourseInstanceSpec, DiscourseInstanceStatus>
        implements Namespaced {

    public static final String GROUP = "discourse.operator.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    protected DiscourseInstanceSpec initSpec() {
        return new DiscourseInstanceSpec();
    }
}
