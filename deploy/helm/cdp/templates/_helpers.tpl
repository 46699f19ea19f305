{{/*
Names, labels and the parts the three services share. A component is one of
"ingest", "profile" and "gateway"; templates pass (dict "root" $ "component" "ingest").
*/}}

{{- define "cdp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's prefix of every object name. */}}
{{- define "cdp.fullname" -}}
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

{{/* Name of a component's objects: <fullname>-<component>. */}}
{{- define "cdp.componentName" -}}
{{- printf "%s-%s" (include "cdp.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "cdp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object of the release. */}}
{{- define "cdp.labels" -}}
helm.sh/chart: {{ include "cdp.chart" . }}
app.kubernetes.io/name: {{ include "cdp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cdp
{{- end }}

{{/* Labels that select a component's pods; never change them on a running release. */}}
{{- define "cdp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cdp.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of a component's objects. */}}
{{- define "cdp.componentLabels" -}}
{{ include "cdp.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The service's container port; fixed by each image's SERVER_PORT. */}}
{{- define "cdp.port" -}}
{{- get (dict "gateway" 8080 "ingest" 8081 "profile" 8082) .component }}
{{- end }}

{{- define "cdp.image" -}}
{{- $values := index .root.Values .component }}
{{- $repository := $values.repository }}
{{- with .root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{- define "cdp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cdp.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the credentials: the existing one, or the chart's. */}}
{{- define "cdp.secretName" -}}
{{- default (include "cdp.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
An environment variable from the credentials Secret. key is a name under
.Values.secrets.keys; optional variables may be missing from the Secret.
*/}}
{{- define "cdp.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "cdp.secretName" .root }}
      key: {{ index .root.Values.secrets.keys .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{/*
The non-secret settings of a component, as environment variables (the data of its
ConfigMap). Names follow Spring Boot's binding of environment variables: dots become
underscores, and a map key (such as a Kafka setting) follows its map's name.
*/}}
{{- define "cdp.configData" -}}
{{- $root := .root }}
{{- $values := $root.Values -}}
SPRING_DATASOURCE_URL: {{ required "postgresql.url is required, for example jdbc:postgresql://postgres:5432/cdp" $values.postgresql.url | quote }}
SPRING_DATASOURCE_USERNAME: {{ $values.postgresql.username | quote }}
{{- if ne .component "gateway" }}
SPRING_KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required, for example kafka:9092" $values.kafka.bootstrapServers | quote }}
CDP_TOPICS_PREFIX: {{ $values.topics.prefix | quote }}
CDP_TOPICS_PARTITIONS: {{ $values.topics.partitions | quote }}
{{- end }}
{{- if eq .component "ingest" }}
CDP_INGEST_CLIENT_ADDRESS_TRUSTED_PROXIES: {{ $values.ingest.trustedProxies | quote }}
{{- /* The same region as identity resolution, to match identifiers against the suppression list. */}}
CDP_IDENTITY_DEFAULT_REGION: {{ $values.profile.defaultRegion | quote }}
{{- end }}
{{- if eq .component "profile" }}
CDP_IDENTITY_STATE_DIR: /var/lib/cdp/streams
CDP_IDENTITY_STANDBY_REPLICAS: {{ $values.profile.standbyReplicas | quote }}
CDP_IDENTITY_STREAM_THREADS: {{ $values.profile.streamThreads | quote }}
CDP_IDENTITY_DEFAULT_REGION: {{ $values.profile.defaultRegion | quote }}
CDP_IDENTITY_STREAMS_SESSION_TIMEOUT_MS: {{ $values.profile.sessionTimeoutMs | quote }}
{{- end }}
{{- if eq .component "gateway" }}
CDP_GATEWAY_ROUTES_INGEST_URI: {{ printf "http://%s:%s" (include "cdp.componentName" (dict "root" $root "component" "ingest")) (include "cdp.port" (dict "component" "ingest")) | quote }}
CDP_GATEWAY_ROUTES_PROFILE_URI: {{ printf "http://%s:%s" (include "cdp.componentName" (dict "root" $root "component" "profile")) (include "cdp.port" (dict "component" "profile")) | quote }}
{{- with $values.redis.host }}
SPRING_DATA_REDIS_HOST: {{ . | quote }}
SPRING_DATA_REDIS_PORT: {{ $values.redis.port | quote }}
SPRING_DATA_REDIS_SSL_ENABLED: {{ $values.redis.ssl | quote }}
{{- end }}
{{- end }}
{{- /* Latency histograms are on in each service's application.yml. */}}
{{- end }}

{{/*
Pod annotations of a component: checksums of its configuration, so that a changed
ConfigMap or Secret rolls the pods, and the Prometheus scrape annotations.
*/}}
{{- define "cdp.podAnnotations" -}}
checksum/config: {{ include "cdp.configData" . | sha256sum }}
{{- if not .root.Values.secrets.existingSecret }}
checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
{{- end }}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ include "cdp.port" . | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- with .root.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The pod spec of a component, shared by the two Deployments and the StatefulSet.
Callers pass "env" (the component's own variables, a YAML list) and may pass
"volumeMounts" and "volumes" (YAML lists) for more than /tmp.
*/}}
{{- define "cdp.podSpec" -}}
{{- $root := .root }}
{{- $values := index $root.Values .component -}}
serviceAccountName: {{ include "cdp.serviceAccountName" $root }}
automountServiceAccountToken: false
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
containers:
  - name: {{ .component }}
    image: {{ include "cdp.image" . | quote }}
    imagePullPolicy: {{ $root.Values.image.pullPolicy }}
    ports:
      - name: http
        containerPort: {{ include "cdp.port" . }}
        protocol: TCP
    envFrom:
      - configMapRef:
          name: {{ include "cdp.componentName" . }}
    env:
      {{- .env | nindent 6 }}
      {{- with $root.Values.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
      {{- with $values.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    startupProbe:
      httpGet:
        path: /actuator/health/liveness
        port: http
      periodSeconds: {{ $root.Values.probes.startupPeriodSeconds }}
      timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
      failureThreshold: {{ $values.startupFailureThreshold }}
    livenessProbe:
      httpGet:
        path: /actuator/health/liveness
        port: http
      periodSeconds: {{ $root.Values.probes.periodSeconds }}
      timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
      failureThreshold: {{ $root.Values.probes.livenessFailureThreshold }}
    readinessProbe:
      httpGet:
        path: /actuator/health/readiness
        port: http
      periodSeconds: {{ $root.Values.probes.periodSeconds }}
      timeoutSeconds: {{ $root.Values.probes.timeoutSeconds }}
      failureThreshold: {{ $root.Values.probes.readinessFailureThreshold }}
    resources:
      {{- toYaml $values.resources | nindent 6 }}
    securityContext:
      {{- toYaml $root.Values.securityContext | nindent 6 }}
    volumeMounts:
      - name: tmp
        mountPath: /tmp
      {{- with .volumeMounts }}
      {{- . | nindent 6 }}
      {{- end }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ $root.Values.tmpSizeLimit }}
  {{- with .volumes }}
  {{- . | nindent 2 }}
  {{- end }}
{{- with $root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if $root.Values.spreadOverNodes }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "cdp.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end }}

{{/* Labels of a component's pod template. */}}
{{- define "cdp.podLabels" -}}
{{ include "cdp.componentLabels" . }}
{{- with .root.Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* A variable holding the pod's name (stable in a StatefulSet: <name>-0, <name>-1, ...). */}}
{{- define "cdp.podNameEnv" -}}
- name: {{ .name }}
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end }}
