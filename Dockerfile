# Image for the api, worker and migrate services of docker-compose.yml.
FROM node:20.19-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save @swc/core@1.16.22
COPY . .
RUN node scripts/build.js
ENV NODE_ENV=production
RUN mkdir -p .local/auth && chown -R node .local
USER node
