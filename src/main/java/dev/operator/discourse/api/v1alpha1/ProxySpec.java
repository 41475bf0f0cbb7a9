package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class ProxySpec {

    @JsonPropertyDescription("Proxy for outgoing HTTP (HTTP_PROXY and http_proxy).")
    private String httpProxy;

    @JsonPropertyDescription("Proxy for outgoing HTTPS (HTTPS_PROXY and https_proxy).")
    private String httpsProxy;

    @JsonPropertyDescription("Hosts that bypass the proxy, comma-separated (NO_PROXY and no_proxy).")
    private String noProxy;

    public String getHttpProxy() {
        return httpProxy;
    }

    public void setHttpProxy(String httpProxy) {
        this.httpProxy = httpProxy;
    }

    public String getHttpsProxy() {
        return httpsProxy;
    }

    public void setHttpsProxy(String httpsProxy) {
        this.httpsProxy = httpsProxy;
    }

    public String getNoProxy() {
        return noProxy;
    }

    public void setNoProxy(String noProxy) {
        this.noProxy = noProxy;
    }
}
