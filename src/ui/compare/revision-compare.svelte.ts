/**
 * The compare screen's state: the revisions kept on this device, the two chosen (by default the
 * one before on the left, the one in use on the right), their comparison scored in the worker —
 * the answer to the latest choice only — and putting a revision in use again.
 */
import type { EngineApi, PortfolioSummary, RevisionComparison, RevisionInfo } from '../../worker/api';

export class RevisionCompare {
  revisions = $state.raw<readonly RevisionInfo[] | null>(null);
  a = $state<string | null>(null);
  b = $state<string | null>(null);
  comparison = $state.raw<RevisionComparison | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  using = $state(false);
  /** The name of the revision just put in use again, to say so. */
  usedName = $state<string | null>(null);

  readonly #api: EngineApi;
  readonly #onUsed: (portfolio: PortfolioSummary) => Promise<void>;
  #asked = 0;

  constructor(options: { api: EngineApi; onUsed: (portfolio: PortfolioSummary) => Promise<void> }) {
    this.#api = options.api;
    this.#onUsed = options.onUsed;
  }

  /** Reads the revisions and compares the one before with the one in use (or keeps the choice made, while both still exist). */
  async load(): Promise<void> {
    try {
      const revisions = await this.#api.revisions();
      this.revisions = revisions;
      const known = (r: string | null) => r !== null && revisions.some((x) => x.revision === r);
      const inUse = revisions.find((r) => r.inUse) ?? revisions[0];
      if (!known(this.b)) this.b = inUse?.revision ?? null;
      if (!known(this.a)) this.a = revisions.find((r) => r.revision !== this.b)?.revision ?? null;
      await this.compare();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  async choose(side: 'a' | 'b', revision: string): Promise<void> {
    this[side] = revision;
    this.usedName = null;
    await this.compare();
  }

  /** Whether the two sides name two different revisions. */
  get comparable(): boolean {
    return this.a !== null && this.b !== null && this.a !== this.b;
  }

  async compare(): Promise<void> {
    const asked = ++this.#asked;
    if (!this.comparable) {
      this.comparison = null;
      return;
    }
    this.loading = true;
    this.error = null;
    try {
      const comparison = await this.#api.compareRevisions(this.a!, this.b!);
      if (asked === this.#asked) this.comparison = comparison;
    } catch (e) {
      if (asked === this.#asked) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }

  /** Puts `revision` in use again, then reads the list and compares again. */
  async use(revision: string): Promise<void> {
    this.using = true;
    this.error = null;
    try {
      const name = this.revisions?.find((r) => r.revision === revision)?.name ?? '';
      const result = await this.#api.useModel({ revision });
      if (!result.ok) {
        this.error = result.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        return;
      }
      await this.#onUsed(result.portfolio);
      await this.load();
      this.usedName = name;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.using = false;
    }
  }
}
