# prizedraw: every service in one image; `docker compose up prizedraw` runs `prizedraw start all`.
# Full node:20 (not slim): its toolchain builds classic-level from source at install, its leveldb patched
# (patches/classic-level@3.0.0.patch, docs/stream-runtime.md); node-gyp fetches the headers of the image's Node.
FROM node:20-bookworm

WORKDIR /app
# pnpm at the version pinned in package.json ("packageManager"), through corepack.
RUN corepack enable

# Only what the build needs, not the whole work tree (.stack/ holds server data). A .dockerignore listing
# node_modules, dist and .stack keeps host build output inside libs/ and services/ out too.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# Patched dependencies (pnpm-workspace.yaml: patchedDependencies) are applied by the install.
COPY patches ./patches
COPY libs ./libs
COPY services ./services
COPY tsconfig*.json ./
RUN pnpm install --frozen-lockfile && pnpm run build

ENV NODE_ENV=production
ENTRYPOINT ["node", "services/cli/dist/main.js"]
CMD ["start", "all"]
