# Image for the api, worker and migrate services of docker-compose.yml.
# Stage 1 builds the casemanager UI (Vite needs the dev dependencies); the image keeps only dist/web.
FROM node:20.19-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web web
COPY domain domain
COPY api/trajecten/commandos.dto.ts api/trajecten/aanmelding.dto.ts api/trajecten/
COPY workflows/messages.ts workflows/
RUN npx vite build --config web/vite.config.mts

FROM node:20.19-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save @swc/core@1.16.22
COPY . .
RUN node scripts/build.js
COPY --from=web /app/dist/web dist/web
ENV NODE_ENV=production
RUN mkdir -p .local/auth && chown -R node .local
USER node
