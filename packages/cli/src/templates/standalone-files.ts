import type { PackageManifest } from '../backend/backend-package.js';

/**
 * The files a backend outside the lsml repository gets in place of the template's: a Dockerfile
 * whose build context is the backend's own folder (the template's builds from the repository
 * root), a README with commands that work in that folder, and a .gitignore.
 */
export interface StandaloneFiles {
  Dockerfile: string;
  'README.md': string;
  '.gitignore': string;
}

interface StandaloneOptions {
  name: string;
  templateName: string;
  description: string;
  manifest: PackageManifest;
  /** The template's Dockerfile: system packages its runtime stage installs are kept. */
  templateDockerfile: string | undefined;
}

export function standaloneFiles(options: StandaloneOptions): StandaloneFiles {
  const scripts = (options.manifest.scripts ?? {}) as Record<string, string>;
  return {
    Dockerfile: dockerfile(options.name, aptPackages(options.templateDockerfile)),
    'README.md': readme(options, 'worker' in scripts),
    '.gitignore': 'node_modules/\ndist/\nmodels/\n.env\n*.log\n',
  };
}

/** `apt-get install … ffmpeg` in the template's Dockerfile → `['ffmpeg']`. */
function aptPackages(templateDockerfile: string | undefined): string[] {
  const match = /apt-get install -y --no-install-recommends ([\w .+-]+?)\s*(?:\\|&&|$)/m.exec(
    templateDockerfile ?? '',
  );
  return match?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}

const HEALTHCHECK =
  "CMD [\"node\", \"-e\", \"const a=process.env.BASIC_AUTH_USER?{authorization:'Basic '+Buffer.from(process.env.BASIC_AUTH_USER+':'+process.env.BASIC_AUTH_PASS).toString('base64')}:{};fetch('http://127.0.0.1:'+process.env.PORT+'/',{headers:a}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))\"]";

function dockerfile(name: string, apt: string[]): string {
  const aptStep =
    apt.length === 0
      ? ''
      : `RUN apt-get update \\
  && apt-get install -y --no-install-recommends ${apt.join(' ')} \\
  && rm -rf /var/lib/apt/lists/*
`;
  return `# syntax=docker/dockerfile:1
# ${name} as a production image, built from this folder (its build context):
#   docker build -t ${name} .
# (docker-compose.yml does exactly that.) @lsml packages come from the npm registry, at the
# versions package-lock.json holds.

# Debian, not Alpine: native modules (onnxruntime-node, sharp) need glibc.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package*.json ./
RUN if [ -f package-lock.json ]; then npm ci; else npm install; fi
COPY tsconfig*.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
${aptStep}ENV NODE_ENV=production PORT=9090 MODEL_DIR=/data/models LSML_CACHE_DIR=/data/cache
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data/models /data/cache && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 ${HEALTHCHECK}
# The API; the training worker is the same image with \`node dist/worker.js\` (docker-compose.yml).
CMD ["node", "dist/server.js"]
`;
}

function readme(options: StandaloneOptions, hasWorker: boolean): string {
  const { name, templateName, description } = options;
  const worker = hasWorker
    ? `
Production mode (an API that enqueues training on Redis, and a worker that trains), with Redis on
127.0.0.1:6379:

\`\`\`sh
npm run build
LSML_MODE=production npm run start:prod     # API on :9090
LSML_MODE=production npm run worker:prod    # training worker
\`\`\`
`
    : '';
  return `# ${name}

A Label Studio ML backend made with [lsml](https://www.npmjs.com/package/@lsml/cli) from the
\`${templateName}\` template${description ? `: ${description.replace(/^Label Studio ML backend: /, '')}` : ''}.

The model is \`src/model.ts\`: \`predict()\` answers Label Studio, \`fit()\` learns from annotations.
\`src/server.ts\` serves it over HTTP, \`src/worker.ts\` trains in production mode, \`test/\` checks
it the way Label Studio calls it.

## Run

Needs Node.js 20 or later.

\`\`\`sh
npm install
npm test                 # the backend's tests
npm run dev              # http://localhost:9090, restarts on every change of src/
curl localhost:9090/health
\`\`\`

In Label Studio: project → Settings → Model → Connect Model → \`http://localhost:9090\` (from a
Label Studio container: \`http://host.docker.internal:9090\`).

\`npm start\` serves without watching; \`npm run typecheck\` checks the types. \`npm run build\`
compiles to \`dist/\`, which \`npm run start:prod\` serves with plain Node.
${worker}
## Deploy

Needs Docker with its compose plugin:

\`\`\`sh
docker compose up        # API, training worker and Redis; the image is built from this folder
\`\`\`

The Dockerfile installs the \`@lsml\` packages from the npm registry at the versions
\`package-lock.json\` holds (run \`npm install\` once so the lockfile exists), builds, and runs the
built JS as the unprivileged \`node\` user. Every environment variable is listed, with its
default, in docker-compose.yml.

## Commands of the lsml CLI

\`\`\`sh
npx @lsml/cli --help
npx @lsml/cli predict --label-studio http://localhost:8080 --api-key <key> --project <id> --url http://localhost:9090
npx @lsml/cli doctor --label-studio http://localhost:8080 --api-key <key> --project <id> --url http://localhost:9090
\`\`\`
`;
}
