{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "sightline-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name. */}}
{{- define "sightline-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sightline-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sightline-operator.labels" -}}
helm.sh/chart: {{ include "sightline-operator.chart" . }}
{{ include "sightline-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sightline
{{- end }}

{{- define "sightline-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sightline-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sightline-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sightline-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The rules the operator needs in every namespace it watches; nothing more. */}}
{{- define "sightline-operator.namespacedRules" -}}
- apiGroups: [sightline.dev]
  resources: [observedservices]
  verbs: [get, list, watch]
- apiGroups: [sightline.dev]
  resources: [observedservices/status]
  verbs: [get, patch, update]
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, patch, update, delete]
- apiGroups: [monitoring.coreos.com]
  resources: [servicemonitors, prometheusrules, alertmanagerconfigs]
  verbs: [get, list, watch, create, patch, update, delete]
- apiGroups: [grafana.integreatly.org]
  resources: [grafanadashboards]
  verbs: [get, list, watch, create, patch, update, delete]
- apiGroups: [""]
  resources: [events]
  # patch: a repeated problem raises the count of its Event instead of adding one
  verbs: [create, patch]
{{- end }}
