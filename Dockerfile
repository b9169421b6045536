# One image for every Daybook service (the Helm chart picks the service by workingDir).
# Services run from TypeScript source with tsx, as locally; Prisma clients are generated
# at build time (no native engine needed with the pg driver adapter).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages packages
COPY services services
COPY apps apps
COPY prisma prisma
COPY scripts scripts
COPY dapr.yaml ./
RUN npm ci --no-audit --no-fund && npx turbo run generate && npm prune --omit=dev --no-audit --no-fund \
  && npm install --no-save --no-audit --no-fund tsx

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=1000:1000 /app /app
USER 1000
CMD ["node", "--import", "tsx", "services/tasks/src/main.ts"]
