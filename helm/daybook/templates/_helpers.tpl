{{/*
Names, labels and per-service settings shared by every template.
Per-service helpers take a dict: (dict "root" $ "name" "<service>").
*/}}

{{- define "daybook.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped prefix; a release named "daybook" is not doubled to "daybook-daybook". */}}
{{- define "daybook.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "daybook.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The services of the platform, in dependency-free order; Dapr app-id == name. */}}
{{- define "daybook.serviceNames" -}}
identity tasks recurring reminders notifications audit journal realtime
{{- end -}}

{{/* Labels on every object of the release. */}}
{{- define "daybook.commonLabels" -}}
helm.sh/chart: {{ include "daybook.chart" . }}
app.kubernetes.io/name: {{ include "daybook.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: daybook
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels of one service's objects. */}}
{{- define "daybook.labels" -}}
{{ include "daybook.commonLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Immutable selector of one service's pods: no version, so upgrades keep matching. */}}
{{- define "daybook.selectorLabels" -}}
app.kubernetes.io/name: {{ include "daybook.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Name of one service's Deployment, Service and ServiceAccount. */}}
{{- define "daybook.serviceFullname" -}}
{{- printf "%s-%s" (include "daybook.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
A service's effective settings: .Values.defaults overlaid with .Values.<name>.
Returned as YAML; callers use `fromYaml`.
*/}}
{{- define "daybook.serviceConfig" -}}
{{- $own := index .root.Values .name | default dict -}}
{{- $cfg := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own) -}}
{{- $_ := set $cfg "logLevel" (default .root.Values.logLevel $cfg.logLevel) -}}
{{- $_ := set $cfg "enabled" (and (hasKey $own "enabled") $own.enabled) -}}
{{- $_ := required (printf "%s.port is required" .name) $cfg.port -}}
{{- toYaml $cfg -}}
{{- end -}}

{{/* Where every service fetches identity's public keys to verify access tokens. */}}
{{- define "daybook.jwksUrl" -}}
{{- if .Values.auth.jwksUrl -}}
{{- .Values.auth.jwksUrl -}}
{{- else if .Values.identity.enabled -}}
{{- printf "http://%s.%s.svc:%v/.well-known/jwks.json" (include "daybook.serviceFullname" (dict "root" . "name" "identity")) .Release.Namespace .Values.service.port -}}
{{- else -}}
{{- fail "identity is disabled: set auth.jwksUrl to the JWKS of the identity service in use" -}}
{{- end -}}
{{- end -}}

{{- define "daybook.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* The web gateway's image: its own repository, the same tag as the services' image. */}}
{{- define "daybook.webImage" -}}
{{- printf "%s:%s" .Values.web.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{- define "daybook.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Changes to the Dapr files roll the pods: daprd loads components only at start. */}}
{{- define "daybook.daprChecksum" -}}
{{- $all := "" -}}
{{- range $path, $_ := .Files.Glob "files/dapr/**.yaml" -}}
{{- $all = print $all ($.Files.Get $path) -}}
{{- end -}}
{{- $all | sha256sum -}}
{{- end -}}

{{/* Env shared by the app containers and the migration Job. */}}
{{- define "daybook.databaseEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required" .Values.database.existingSecret }}
      key: {{ .Values.database.urlKey }}
{{- end -}}

{{/* An emptyDir for /tmp: the root filesystem is read-only and tsx caches compiled files there. */}}
{{- define "daybook.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 128Mi
{{- end -}}

{{- define "daybook.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Per-service ServiceAccount without an API token: the app never calls the Kubernetes API
     (daprd gets its own projected token from the injector). */}}
{{- define "daybook.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "daybook.serviceFullname" . }}
  labels:
    {{- include "daybook.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* ClusterIP Service in front of the app port; the HTTPRoute and helm tests use it. */}}
{{- define "daybook.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "daybook.serviceFullname" . }}
  labels:
    {{- include "daybook.labels" . | nindent 4 }}
spec:
  type: {{ .root.Values.service.type }}
  selector:
    {{- include "daybook.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .root.Values.service.port }}
      targetPort: http
      protocol: TCP
      appProtocol: http
{{- end -}}

{{/* Keeps one pod up through node drains; only meaningful with more than one replica. */}}
{{- define "daybook.podDisruptionBudget" -}}
{{- $cfg := include "daybook.serviceConfig" . | fromYaml -}}
{{- if gt (int $cfg.replicas) 1 }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "daybook.serviceFullname" . }}
  labels:
    {{- include "daybook.labels" . | nindent 4 }}
spec:
  minAvailable: {{ $cfg.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "daybook.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
