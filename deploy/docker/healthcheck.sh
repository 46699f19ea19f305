#!/usr/bin/env bash
# Container healthcheck for the CDP services, used by the services' Dockerfile
# (deploy/docker/Dockerfile) HEALTHCHECK and by docker-compose.yml.
#
# Sends GET <path> to the service's own port and is healthy only on HTTP 200.
# It needs nothing but bash: the eclipse-temurin JRE images do not promise curl
# or wget (newer Temurin images dropped them), so the check must not rely on them.
#
# Usage: healthcheck.sh [path]
#   path  defaults to /actuator/health/readiness
#   port  comes from SERVER_PORT, which the Dockerfile sets to the service's port (build arg PORT)
set -euo pipefail

path="${1:-/actuator/health/readiness}"
port="${SERVER_PORT:?SERVER_PORT is not set}"

exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "${path}" "${port}" >&3
if ! IFS= read -r -t 5 status_line <&3; then
  echo "no HTTP response from port ${port} within 5 s"
  exit 1
fi
exec 3<&-

status_line="${status_line%$'\r'}"
if [[ "${status_line}" != "HTTP/1."?" 200"* ]]; then
  echo "unhealthy: GET ${path} answered '${status_line}'"
  exit 1
fi
