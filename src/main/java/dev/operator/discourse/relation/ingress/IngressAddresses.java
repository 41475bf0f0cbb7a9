package dev.operator.discourse.relation.ingress;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;

/** The addresses an ingress controller reported on the Ingress, IP or host name, in its order. */
public final class IngressAddresses {

    private IngressAddresses() {
    }

    public static List<String> of(Ingress ingress) {
        List<String> addresses = new ArrayList<>();
        if (ingress == null || ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null) {
            return addresses;
        }
        for (IngressLoadBalancerIngress lb : ingress.getStatus().getLoadBalancer().getIngress()) {
            if (lb.getIp() != null && !lb.getIp().isBlank()) {
                addresses.add(lb.getIp());
            } else if (lb.getHostname() != null && !lb.getHostname().isBlank()) {
                addresses.add(lb.getHostname());
            }
        }
        return addresses;
    }
}
