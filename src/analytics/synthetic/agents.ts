/** Real user agents of container clients (formats from registry logs and the clients' sources). */
export const agents = {
  desktop: [
    'docker/24.0.2 go/go1.20.4 git-commit/8d67d0c1a8 kernel/5.15.49-linuxkit-pr os/linux arch/arm64 UpstreamClient(Docker-Client/24.0.2 \\(darwin\\))',
    'docker/25.0.3 go/go1.21.6 git-commit/f417435 kernel/6.6.12-linuxkit os/linux arch/arm64 UpstreamClient(Docker-Client/25.0.3 \\(darwin\\))',
    'docker/24.0.6 go/go1.20.7 git-commit/1a79695 kernel/5.15.133.1-microsoft-standard-WSL2 os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.6 \\(windows\\))',
    'docker/24.0.7 go/go1.20.10 git-commit/311b9ff kernel/6.1.0 os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.7 \\(linux\\))',
    'containers/5.28.1-dev (github.com/containers/image)',
  ],
  ci: [
    'buildkit/v0.11 moby/v24.0',
    'buildkit/v0.12',
    'docker/20.10.21 go/go1.18.7 git-commit/3056208 kernel/5.15.0-1041-azure os/linux arch/amd64 UpstreamClient(Docker-Client/20.10.21 \\(linux\\))',
    'go-containerregistry/v0.19.0',
  ],
  k8s: ['containerd/v1.7.2', 'containerd/1.6.21+unknown', 'cri-o/1.28.1 go/go1.20.10 os/linux arch/amd64'],
  bot: [
    'RenovateBot/37.440.7 (https://github.com/renovatebot/renovate)',
    'diun/4.25.0 go/1.21.1 Linux',
    'Watchtower/v1.7.1',
  ],
  mirror: [
    'skopeo/1.14.2',
    'crane/v0.19.0 go-containerregistry/v0.19.0',
    'regclient/regclient',
    'harbor-registry-client',
  ],
} as const;

export type Profile = keyof typeof agents;

/** Share of clients, relative activity, and where they run (cloud, business, isp, education shares). */
export const profiles: Record<
  Profile,
  { share: number; activity: number; networks: [number, number, number, number]; signedIn: number }
> = {
  desktop: { share: 0.45, activity: 1, networks: [0.02, 0.45, 0.45, 0.08], signedIn: 0.3 },
  ci: { share: 0.2, activity: 4, networks: [0.7, 0.25, 0.05, 0], signedIn: 0.5 },
  k8s: { share: 0.2, activity: 3, networks: [0.8, 0.2, 0, 0], signedIn: 0.2 },
  bot: { share: 0.08, activity: 6, networks: [0.6, 0.4, 0, 0], signedIn: 0.4 },
  mirror: { share: 0.07, activity: 2, networks: [0.5, 0.5, 0, 0], signedIn: 0.6 },
};
