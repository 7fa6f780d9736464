# capplan as a container image, for sharded runs on Kubernetes (`capplan k8s`).
#   docker build -t REGISTRY/capplan:TAG .
# Stage 1 compiles the TypeScript with the dev dependencies; stage 2 holds only what runs:
# production dependencies, dist/, bin/ and the shipped profiles, as the image's non-root `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY profiles ./profiles
# uid:gid 1000:1000 is the `node` user of the official image; numeric, so Kubernetes can check runAsNonRoot.
USER 1000:1000
ENTRYPOINT ["/app/bin/capplan.js"]
CMD ["--help"]
