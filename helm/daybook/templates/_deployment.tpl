{{/*
The one Deployment definition every service uses: the app container from the shared
image, started in its own workspace folder, beside an injected Dapr sidecar.
Call with (dict "root" $ "name" "<service>"); settings come from daybook.serviceConfig.
*/}}
{{- define "daybook.deployment" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $cfg := include "daybook.serviceConfig" . | fromYaml -}}
{{- $dapr := $root.Values.dapr -}}
{{- $secretsFile := printf "%s/secrets.json" $dapr.secretsFile.mountDir -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "daybook.serviceFullname" . }}
  labels:
    {{- include "daybook.labels" . | nindent 4 }}
spec:
  replicas: {{ $cfg.replicas }}
  revisionHistoryLimit: 5
  # Surge first: a consumer group rebalance is cheaper than a gap in capacity.
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "daybook.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "daybook.labels" . | nindent 8 }}
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: {{ $name | quote }}
        dapr.io/app-port: {{ $cfg.port | quote }}
        dapr.io/app-protocol: http
        dapr.io/config: {{ printf "%s-%s" $dapr.config $name | quote }}
        dapr.io/log-level: {{ $dapr.logLevel | quote }}
        dapr.io/log-as-json: "true"
        dapr.io/enable-metrics: "true"
        dapr.io/metrics-port: {{ $dapr.metricsPort | quote }}
        {{- if $dapr.appHealthCheck }}
        dapr.io/enable-app-health-check: "true"
        dapr.io/app-health-check-path: /healthz
        {{- end }}
        # The components' envRef values. Only variables injected through this annotation
        # are visible to envRef in Kubernetes (daprd's DAPR_ENV_KEYS allowlist).
        # POD_NAME, used by "{podName}" in pubsub-fanout.yaml, is set on daprd by the
        # injector itself (fieldRef metadata.name); dapr.io/env takes literals only.
        dapr.io/env: {{ printf "DAYBOOK_KAFKA_BROKERS=%s,DAYBOOK_SECRETS_FILE=%s" $root.Values.kafka.brokers $secretsFile | quote }}
        dapr.io/volume-mounts: {{ printf "dapr-secrets:%s" $dapr.secretsFile.mountDir | quote }}
        dapr.io/sidecar-seccomp-profile-type: RuntimeDefault
        # No ServiceAccount token in the pod (automountServiceAccountToken: false), so daprd's
        # built-in "kubernetes" secret store cannot start (stat /.kube/config) and daprd exits;
        # the services read secrets only through daybook-secrets.
        dapr.io/disable-builtin-k8s-secret-store: "true"
        dapr.io/graceful-shutdown-seconds: {{ sub (int $cfg.terminationGracePeriodSeconds) 5 | quote }}
        dapr.io/sidecar-cpu-request: {{ $dapr.sidecar.cpuRequest | quote }}
        dapr.io/sidecar-memory-request: {{ $dapr.sidecar.memoryRequest | quote }}
        {{- with $dapr.sidecar.cpuLimit }}
        dapr.io/sidecar-cpu-limit: {{ . | quote }}
        {{- end }}
        {{- with $dapr.sidecar.memoryLimit }}
        dapr.io/sidecar-memory-limit: {{ . | quote }}
        {{- end }}
        checksum/dapr-components: {{ include "daybook.daprChecksum" $root }}
    spec:
      serviceAccountName: {{ include "daybook.serviceFullname" . }}
      automountServiceAccountToken: false
      # Dozens of *_SERVICE_HOST variables would only shadow the app's own config.
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $cfg.terminationGracePeriodSeconds }}
      {{- include "daybook.imagePullSecrets" $root | nindent 6 }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ $name }}
          image: {{ include "daybook.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["node", "--import", "tsx", "src/main.ts"]
          workingDir: /app/services/{{ $name }}
          ports:
            - name: http
              containerPort: {{ $cfg.port }}
              protocol: TCP
          env:
            # The same variables scripts/platform.ts gives each app locally (service-kit's
            # env.ts validates them); DAPR_HTTP_PORT/DAPR_GRPC_PORT come from the injector.
            - name: PORT
              value: {{ $cfg.port | quote }}
            - name: AUTH_JWKS_URL
              value: {{ include "daybook.jwksUrl" $root | quote }}
            # Finish in-flight requests and events well before the kubelet's SIGKILL.
            - name: SHUTDOWN_GRACE_MS
              value: {{ mul (sub (int $cfg.terminationGracePeriodSeconds) 10) 1000 | quote }}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: NODE_ENV
              value: production
            - name: LOG_LEVEL
              value: {{ $cfg.logLevel | quote }}
            - name: TRUST_PROXY
              value: {{ $root.Values.trustProxy | quote }}
            {{- include "daybook.databaseEnv" $root | nindent 12 }}
            - name: DATABASE_SCHEMA
              value: {{ $name | quote }}
            {{- with $cfg.env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            {{- toYaml $cfg.startupProbe | nindent 12 }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            {{- toYaml $cfg.livenessProbe | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            {{- toYaml $cfg.readinessProbe | nindent 12 }}
          {{- with $cfg.preStopSleepSeconds }}
          # Keep serving until the pod's removal from the Service has reached every node and
          # the entry point; SIGTERM (and the drain of in-flight work) comes after.
          lifecycle:
            preStop:
              sleep:
                seconds: {{ . }}
          {{- end }}
          resources:
            {{- toYaml $cfg.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            {{- include "daybook.tmpVolumeMount" $root | nindent 12 }}
      volumes:
        {{- include "daybook.tmpVolume" $root | nindent 8 }}
        # Mounted into daprd only (dapr.io/volume-mounts above), under a fixed file name.
        - name: dapr-secrets
          secret:
            secretName: {{ $dapr.secretsFile.existingSecret }}
            items:
              - key: {{ $dapr.secretsFile.key }}
                path: secrets.json
      {{- if $cfg.topologySpread }}
      topologySpreadConstraints:
        {{- range $key := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
        - maxSkew: 1
          topologyKey: {{ $key }}
          whenUnsatisfiable: ScheduleAnyway
          matchLabelKeys: [pod-template-hash]
          labelSelector:
            matchLabels:
              {{- include "daybook.selectorLabels" $ | nindent 14 }}
        {{- end }}
      {{- end }}
      {{- with $cfg.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $cfg.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $cfg.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
