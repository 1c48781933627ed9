# robotcall's image: the package exactly as `npm pack` makes it, installed globally with the dependency
# versions package-lock.json pins (README "Container"). Needs BuildKit (the default since Docker 23).
#   docker build -t robotcall .
#   docker run -p 127.0.0.1:8080:8080 -e ROBOTCALL_ADMIN_TOKEN="$(openssl rand -hex 32)" -v robotcall-data:/data robotcall
# The same install is proven without Docker by `npm run check:installed` (scripts/installed-check.ts).
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: the dev dependencies (TypeScript, esbuild) compile the server and bundle the console while
# `npm pack` runs `prepare`; the tarball then holds dist/, bin/, docs/ and npm-shrinkwrap.json.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts (none is needed, README "Quick start"); the build runs in `npm pack` below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN mkdir /pack && npm pack --pack-destination /pack && mv /pack/robotcall-*.tgz /pack/robotcall.tgz

# Runtime: Node and robotcall's runtime dependencies only, run as the image's unprivileged `node` user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    ROBOTCALL_DATA_DIR=/data
# The tarball and the build stage's npm cache are mounted for this one step, not copied into a layer:
# the install reads every dependency from that cache (--offline), at the versions the shrinkwrap pins.
RUN --mount=type=bind,from=build,source=/pack,target=/pack \
    --mount=type=bind,from=build,source=/root/.npm,target=/root/.npm,rw \
    npm install --global --offline --no-audit --no-fund /pack/robotcall.tgz \
 && mkdir -p /data \
 && chown node:node /data
USER node
WORKDIR /home/node
# The embedded store (PGlite) when no DATABASE_URL is given; with PostgreSQL, SIP recordings only.
VOLUME ["/data"]
EXPOSE 8080
# Node itself asks the server (no curl in the image). Always 200 while it serves (README "Admin API").
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ROBOTCALL_PORT || 8080) + '/_robotcall/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains requests (10 s), then lets calls end (--grace, 10 s): give `docker stop -t 30`.
STOPSIGNAL SIGTERM
ENTRYPOINT ["robotcall"]
# Bound beyond loopback, the admin API needs ROBOTCALL_ADMIN_TOKEN; without it, it stays closed (403).
CMD ["serve", "--host", "0.0.0.0"]
