import type { VexStatus } from '../types.js';

/** A product or subcomponent as a statement names it: every identifier it gives (IRI, purl, ...). */
export interface VexComponent {
  ids: string[];
  subcomponents: VexComponent[];
}

/** One OpenVEX statement, with what it inherits from its document filled in. */
export interface VexStatement {
  /** The vulnerability's name and aliases, upper case. */
  vulnerabilities: string[];
  products: VexComponent[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
  /** Statement timestamp, else the document's (RFC 3339), for "the latest statement wins". */
  timestamp?: string;
  /** The file it came from. */
  document: string;
  /** Order across all documents read, to break timestamp ties (later wins). */
  order: number;
}
