// The dashboard's image pages: details with layers earliest first, packages, vulnerabilities, SBOM downloads.
// They read the stored report and SBOM (one gzipped document each) and page them in memory.
import { AppError } from '../core/errors.js';
import { severityOf, severityRank } from '../report/group.js';
import type { Report, SeverityName } from '../report/types.js';
import { encodeCycloneDx } from '../sbom/formats/cyclonedx-encode.js';
import { encodeNative } from '../sbom/formats/native.js';
import { encodeSpdx } from '../sbom/formats/spdx-encode.js';
import type { Package } from '../sbom/types.js';
import type { ImageRecord, Page, PageQuery, Store } from '../store/types.js';

export interface PackageBrief {
  id: string;
  type: string;
  name: string;
  version: string;
}

export interface LayerDetail {
  index: number;
  digest: string;
  diffId: string;
  /** The Dockerfile step that made it, from the image config's history. */
  createdBy?: string;
  /** The packages this layer introduced. */
  packages: PackageBrief[];
}

export interface ImageDetails {
  image: ImageRecord;
  repository: { id: string; name: string };
  /** `Debian GNU/Linux 12 (bookworm)`. */
  os?: string;
  /** Earliest first. */
  layers: LayerDetail[];
  database: Report['database'];
}

export interface ImageVulnerability {
  id: string;
  aliases: string[];
  severity: SeverityName;
  cvss?: number;
  package: PackageBrief & { layer: number };
  fixState: 'fixed' | 'not-fixed' | 'will-not-fix' | 'unknown';
  fixedVersions: string[];
  kev?: { dateAdded: string; dueDate?: string; ransomwareUse?: string };
  epss?: { score: number; percentile: number; date?: string };
  summary?: string;
  urls: string[];
  suppressed: boolean;
}

export interface ImagePackagesQuery extends PageQuery {
  search?: string;
  type?: string;
  layer?: number;
  sort?: 'name' | '-name' | 'layer' | '-layer' | 'type' | '-type';
}

export interface ImageVulnerabilitiesQuery extends PageQuery {
  search?: string;
  severity?: SeverityName;
  fixAvailable?: boolean;
  kev?: boolean;
  includeSuppressed?: boolean;
  sort?: 'severity' | '-severity' | 'cvss' | '-cvss' | 'epss' | '-epss' | 'package' | '-package';
}

export type SbomFormat = 'native' | 'cyclonedx' | 'spdx';

const brief = (p: Package): PackageBrief => ({ id: p.id, type: p.type, name: p.name, version: p.version });

function notFound(): AppError {
  return new AppError('E_NOT_FOUND', 'no such image in this organization');
}

async function loaded(store: Store, orgId: string, id: string) {
  const [image, report] = await Promise.all([store.images.get(orgId, id), store.images.report(orgId, id)]);
  if (!image || !report) throw notFound();
  return { image, report };
}

function paged<T>(items: T[], query: PageQuery): Page<T> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/** Compares by a key, then name: `-key` reverses the key only. */
function by<T>(sort: string, keys: Record<string, (item: T) => string | number>, name: (item: T) => string) {
  const key = keys[sort.replace(/^-/, '')];
  const sign = sort.startsWith('-') ? -1 : 1;
  return (a: T, b: T): number => {
    const ka = key ? key(a) : 0;
    const kb = key ? key(b) : 0;
    const order = typeof ka === 'number' ? ka - (kb as number) : ka.localeCompare(kb as string);
    return sign * order || name(a).localeCompare(name(b));
  };
}

export async function imageDetails(store: Store, orgId: string, id: string): Promise<ImageDetails> {
  const { image, report } = await loaded(store, orgId, id);
  const repository = await store.repositories.get(orgId, image.repositoryId);
  const byLayer = new Map<number, PackageBrief[]>();
  for (const pkg of [...report.packages].sort((a, b) => a.name.localeCompare(b.name))) {
    byLayer.set(pkg.layer, [...(byLayer.get(pkg.layer) ?? []), brief(pkg)]);
  }
  const layers = [...report.source.layers]
    .sort((a, b) => a.index - b.index)
    .map((layer) => ({
      index: layer.index,
      digest: layer.digest,
      diffId: layer.diffId,
      ...(layer.createdBy ? { createdBy: layer.createdBy } : {}),
      packages: byLayer.get(layer.index) ?? [],
    }));
  const os = report.distro?.prettyName ?? report.distro?.name ?? report.distro?.id;
  return {
    image,
    repository: { id: image.repositoryId, name: repository?.name ?? '' },
    ...(os ? { os } : {}),
    layers,
    database: report.database,
  };
}

export async function imagePackages(
  store: Store,
  orgId: string,
  id: string,
  query: ImagePackagesQuery = {},
): Promise<Page<Package>> {
  const sbom = await store.images.sbom(orgId, id);
  if (!sbom) throw notFound();
  const needle = query.search?.toLowerCase();
  const items = sbom.packages
    .filter((p) => (query.type ? p.type === query.type : true))
    .filter((p) => (query.layer !== undefined ? p.layer === query.layer : true))
    .filter((p) => (needle ? p.name.toLowerCase().includes(needle) : true))
    .sort(
      by(
        query.sort ?? 'name',
        { layer: (p) => p.layer, type: (p) => p.type },
        (p) => `${p.name}@${p.version}`,
      ),
    );
  if (query.sort === '-name') items.reverse();
  return paged(items, query);
}

function toVulnerability(packages: Map<string, Package>) {
  return (f: Report['findings'][number]): ImageVulnerability => {
    const pkg = packages.get(f.packageId);
    return {
      id: f.id,
      aliases: f.aliases,
      severity: severityOf(f),
      ...(f.severity.score !== undefined ? { cvss: f.severity.score } : {}),
      package: pkg
        ? { ...brief(pkg), layer: pkg.layer }
        : { id: f.packageId, type: '', name: '', version: '', layer: 0 },
      fixState: f.fix.state,
      fixedVersions: f.fix.versions,
      ...(f.kev ? { kev: f.kev } : {}),
      ...(f.epss
        ? {
            epss: {
              score: f.epss.score,
              percentile: f.epss.percentile,
              ...(f.epss.date ? { date: f.epss.date } : {}),
            },
          }
        : {}),
      ...(f.summary ? { summary: f.summary } : {}),
      urls: f.urls,
      suppressed: f.suppressed,
    };
  };
}

export async function imageVulnerabilities(
  store: Store,
  orgId: string,
  id: string,
  query: ImageVulnerabilitiesQuery = {},
): Promise<Page<ImageVulnerability>> {
  const { report } = await loaded(store, orgId, id);
  const packages = new Map(report.packages.map((p) => [p.id, p]));
  const needle = query.search?.toLowerCase();
  const items = report.findings
    .map(toVulnerability(packages))
    .filter((v) => query.includeSuppressed || !v.suppressed)
    .filter((v) => (query.severity ? v.severity === query.severity : true))
    .filter((v) =>
      query.fixAvailable !== undefined ? (v.fixState === 'fixed') === query.fixAvailable : true,
    )
    .filter((v) => (query.kev !== undefined ? Boolean(v.kev) === query.kev : true))
    .filter((v) =>
      needle ? v.id.toLowerCase().includes(needle) || v.package.name.toLowerCase().includes(needle) : true,
    )
    .sort(
      by(
        query.sort ?? '-severity',
        {
          // ascending severity is the least severe first
          severity: (v) => -severityRank(v.severity) * 100 + (v.cvss ?? -1),
          cvss: (v) => v.cvss ?? -1,
          epss: (v) => v.epss?.score ?? -1,
          package: (v) => v.package.name,
        },
        (v) => `${v.id} ${v.package.name}`,
      ),
    );
  return paged(items, query);
}

const sbomFormats: Record<SbomFormat, { encode: typeof encodeNative; type: string; suffix: string }> = {
  native: { encode: encodeNative, type: 'application/json', suffix: 'crowsnest.json' },
  cyclonedx: { encode: encodeCycloneDx, type: 'application/vnd.cyclonedx+json', suffix: 'cdx.json' },
  spdx: { encode: encodeSpdx, type: 'application/spdx+json', suffix: 'spdx.json' },
};

/** The stored SBOM in one of the formats `crowsnest sbom` writes. */
export async function sbomDocument(
  store: Store,
  orgId: string,
  id: string,
  format: SbomFormat,
): Promise<{ body: string; contentType: string; filename: string }> {
  const sbom = await store.images.sbom(orgId, id);
  if (!sbom) throw notFound();
  const { encode, type, suffix } = sbomFormats[format];
  const digest = (sbom.source.manifestDigest ?? id).replace(':', '-');
  return { body: encode(sbom), contentType: type, filename: `${digest}.${suffix}` };
}
