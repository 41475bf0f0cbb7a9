{{/* What every reconciler's QUARKUS_OPERATOR_SDK_CONTROLLERS_<NAME>_NAMESPACES gets (see application.properties). */}}
{{- define "discourse-operator.watchNamespaces" -}}
{{- if .Values.app.watchAllNamespaces -}}
JOSDK_ALL_NAMESPACES
{{- else -}}
{{- join "," .Values.app.watchNamespaces -}}
{{- end -}}
{{- end -}}

{{/*
With app.watchAllNamespaces=false the generated per-reconciler ClusterRoleBindings (clusterrolebinding.yaml) are
left out and the operator gets its rules only in app.watchNamespaces: in each, one RoleBinding to each generated
reconciler ClusterRole (clusterrole.yaml, read here, so a new reconciler's role is bound with no change to this
file). No aggregated ClusterRole: kube-controller-manager's aggregation controller could re-create one right after
`helm uninstall` deleted it, leaving it behind. A RoleBinding's roleRef cannot change, so the bindings are named
after their role: an upgrade from the aggregate's single binding replaces it instead of failing on it.
quarkus-helm copies only `_*` files and `define` blocks from src/main/helm/templates, so this is included from
the generated ServiceAccount (see quarkus.helm.expressions.sa-namespace in application.properties).
*/}}
{{- define "discourse-operator.reconcilerRoles" -}}
{{- $roles := list }}
{{- range regexSplit "(?m)^---[ \t]*$" (include (print .Template.BasePath "/clusterrole.yaml") .) -1 }}
{{- $role := fromYaml . }}
{{- if and (eq (get $role "kind") "ClusterRole") (hasKey $role "metadata") }}
{{- if ne $role.metadata.name "josdk-crd-validating-cluster-role" }}
{{- $roles = append $roles $role.metadata.name }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson $roles }}
{{- end -}}

{{- define "discourse-operator.namespacedRbac" }}
{{- if not .Values.app.watchAllNamespaces }}
{{- $roles := include "discourse-operator.reconcilerRoles" . | fromJsonArray }}
{{- range $namespace := .Values.app.watchNamespaces }}
{{- range $role := $roles }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $.Chart.Name }}-{{ trimSuffix "-cluster-role" $role }}
  namespace: {{ $namespace }}
  labels:
    app.kubernetes.io/part-of: {{ $.Chart.Name }}
    app.kubernetes.io/managed-by: {{ $.Release.Service }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ $role }}
subjects:
  - kind: ServiceAccount
    name: {{ $.Chart.Name }}
    namespace: {{ $.Release.Namespace }}
{{- end }}
{{- end }}
---
# What the reconcilers read that is cluster-scoped, which a RoleBinding cannot grant: IngressClasses (the ingress
# relation checks the class it is given). HelmChartTest fails, naming the resource, when a generated ClusterRole
# reads another cluster-scoped resource that is missing here.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .Chart.Name }}-cluster-reads
  labels:
    app.kubernetes.io/part-of: {{ .Chart.Name }}
    app.kubernetes.io/managed-by: {{ .Release.Service }}
rules:
  - apiGroups:
      - networking.k8s.io
    resources:
      - ingressclasses
    verbs:
      - get
      - list
      - watch
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ .Chart.Name }}-cluster-reads
  labels:
    app.kubernetes.io/part-of: {{ .Chart.Name }}
    app.kubernetes.io/managed-by: {{ .Release.Service }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ .Chart.Name }}-cluster-reads
subjects:
  - kind: ServiceAccount
    name: {{ .Chart.Name }}
    namespace: {{ .Release.Namespace }}
---
# CRDs are cluster-scoped: the operator checks them at start (get/list only) whatever it watches.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ .Chart.Name }}-crd-validating
  labels:
    app.kubernetes.io/part-of: {{ .Chart.Name }}
    app.kubernetes.io/managed-by: {{ .Release.Service }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: josdk-crd-validating-cluster-role
subjects:
  - kind: ServiceAccount
    name: {{ .Chart.Name }}
    namespace: {{ .Release.Namespace }}
{{- end }}
{{- end }}
