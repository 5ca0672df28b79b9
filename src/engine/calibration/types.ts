/**
 * What calibration reports: how well a model's score and each indicator's points tell the
 * customers who churned from those who stayed, and weights fitted to those outcomes.
 * Plain data (it crosses from the worker to the UI). Semantics: docs/scoring.md, C1–C12.
 */
import type { HealthModel } from '../model';
import type { EpochDay } from '../portfolio';

/** What became of a customer. `renewed` covers every "stayed" (renewed, retained, still active). */
export type OutcomeStatus = 'churned' | 'renewed';

/** An area under the ROC curve with its 95% confidence interval (DeLong). */
export interface AucInfo {
  /** 0–1; 0.5 is a coin toss, 1 tells churned from retained perfectly. */
  readonly auc: number;
  readonly low: number;
  readonly high: number;
  readonly se: number;
}

/** A churn rate among some customers, with its 95% (Wilson) interval. */
export interface ChurnRate {
  readonly customers: number;
  readonly churned: number;
  /** `churned / customers`, 0–1; `NaN` with no customer. */
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** Churn among the customers whose points for an indicator fall in [from, to]. */
export interface PointsBandRate extends ChurnRate {
  readonly from: number;
  readonly to: number;
}

/**
 * Whether the outcomes agree with the indicator's rule (more points = healthier):
 * - `agrees`: customers with more points churn less (the AUC's interval is above 0.5);
 * - `contradicts`: customers with more points churn MORE (the interval is below 0.5): the rule's direction is wrong for this data;
 * - `unclear`: the interval holds 0.5: no clear signal either way;
 * - `no-data`: too few customers with a value and an outcome to tell.
 */
export type Direction = 'agrees' | 'contradicts' | 'unclear' | 'no-data';

export interface IndicatorCalibration {
  readonly metricId: string;
  readonly categoryId: string;
  readonly label: string;
  readonly source: string;
  /** Customers with an outcome and a value for this indicator. */
  readonly customers: number;
  /** Customers with an outcome and no (or a stale) value. */
  readonly missing: number;
  /** How well its points tell retained (more points) from churned; `null` with too few of either. */
  readonly auc: AucInfo | null;
  /** Churn by the indicator's points: 0–24, 25–49, 50–74, 75–100. */
  readonly byPoints: readonly PointsBandRate[];
  /** Churn among the customers with no value; `null` when every customer had one. */
  readonly missingRate: ChurnRate | null;
  readonly direction: Direction;
  /** Its share of the score's weight in the model calibrated (category share × share within it), 0–1. */
  readonly share: number;
}

export interface BandCalibration extends ChurnRate {
  readonly bandId: string;
  readonly label: string;
  readonly color: string;
}

export type ChecklistId = 'sample' | 'lowest-band-3x' | 'below-top-before' | 'top-band-share' | 'directions';

/**
 * One line of the validity checklist, passed or failed with its figure:
 * - `sample`: at least 30 churned and 30 retained customers (`value` = churned customers);
 * - `lowest-band-3x`: the lowest band churns at ≥ 3× the base rate (`value` = the ratio);
 * - `below-top-before`: ≥ 2/3 of churned customers were below the top band 60–90 days before they left (`value` = that share; `unknown` without such history);
 * - `top-band-share`: no more than 80% of the customers in the top band (`value` = the share);
 * - `directions`: no indicator contradicts its rule (`value` = how many contradict).
 */
export interface ChecklistItem {
  readonly id: ChecklistId;
  readonly status: 'pass' | 'fail' | 'unknown';
  /** The figure measured (see the id); `null` when it could not be measured. */
  readonly value: number | null;
  /** The threshold it is held to. */
  readonly target: number;
  /** Customers the figure is measured on (e.g. churned customers with a snapshot 60–90 days before). */
  readonly basis: number;
  /** For `directions`: the labels of the indicators that contradict; for `lowest-band-3x`: the band's label. */
  readonly names?: readonly string[];
}

export interface WeightSuggestionRow {
  readonly id: string;
  readonly label: string;
  /** For metrics: their category. */
  readonly categoryId?: string;
  /** Weight in the model now, and the suggested one (same scale as the model's weights). */
  readonly current: number;
  readonly suggested: number;
  /** Share of the whole score, 0–1, now and suggested. */
  readonly currentShare: number;
  readonly suggestedShare: number;
}

/** Cross-validated AUC of a set of weights: pooled out-of-fold scores, plus each fold's own. */
export interface CrossValidatedAuc extends AucInfo {
  readonly folds: readonly number[];
}

export interface WeightSuggestion {
  readonly categories: readonly WeightSuggestionRow[];
  readonly metrics: readonly WeightSuggestionRow[];
  /** Labels (ids where they have none) of the indicators the fit gave no weight: alongside the others, more points did not go with less churn, or too few customers had a value. */
  readonly dropped: readonly string[];
  /** The model in use's weights, judged on the same folds (they are not fitted, so out-of-fold = as is). */
  readonly current: CrossValidatedAuc;
  /** The suggested weights, each fold's fitted on the other folds and scored by the app's own scoring. */
  readonly suggested: CrossValidatedAuc;
  /**
   * The model in use already has the suggested weights (it was calibrated on these outcomes). Its
   * AUC on the data it was fitted to flatters it, so `current` is then the suggestion's own
   * cross-validated AUC: the honest figure for weights fitted this way.
   */
  readonly inUse: boolean;
  /** The model calibrated with the suggested weights (everything else unchanged): put it in use with `useModel({ model })`. */
  readonly model: HealthModel;
  readonly folds: number;
  readonly lambda: number;
}

export interface CalibrationReport {
  /** The model revision calibrated (the one in use). */
  readonly revision: string;
  readonly modelName: string;
  /** Customers with an outcome who could be scored (one score each, see `asOf` per customer in C2). */
  readonly churned: number;
  readonly retained: number;
  /** Outcomes whose customer is not in the data, or has no score then (insufficient data, or the outcome predates every snapshot). */
  readonly unmatched: number;
  readonly unscored: number;
  /** Customers with a band set by hand among those calibrated, and how many of them churned (calibration uses their computed band). */
  readonly overridden: { readonly customers: number; readonly churned: number };
  /** `churned / (churned + retained)`. */
  readonly baseRate: number;
  /** Fewer than 30 churned or 30 retained customers: every figure is uncertain (wide intervals). */
  readonly small: boolean;
  readonly score: {
    readonly auc: AucInfo | null;
    readonly roc: { readonly fpr: readonly number[]; readonly tpr: readonly number[] };
    /** Churn per band, in the model's band order (lowest first), `insufficient` left out. */
    readonly bands: readonly BandCalibration[];
    /** Churn among the 25% with the highest and the 25% with the lowest scores. */
    readonly quartiles: { readonly top: ChurnRate; readonly bottom: ChurnRate } | null;
  };
  readonly indicators: readonly IndicatorCalibration[];
  readonly checklist: readonly ChecklistItem[];
  /** `null` with too few outcomes to fit (`noSuggestion` says why). */
  readonly suggestion: WeightSuggestion | null;
  readonly noSuggestion?: 'too-few' | 'no-signal';
}

/** How one band of an earlier snapshot, scored by some revision, actually ended. */
export interface BacktestBand {
  readonly bandId: string;
  readonly label: string;
  readonly color: string;
  readonly customers: number;
  /** Churned after the snapshot day. */
  readonly churned: number;
  readonly renewed: number;
  /** No outcome recorded (or one recorded on or before the snapshot day). */
  readonly unknown: number;
}

export interface BacktestCustomer {
  readonly customerId: string;
  readonly name: string;
  readonly score: number | null;
  readonly bandId: string;
  readonly status: OutcomeStatus | null;
  readonly day: EpochDay | null;
}

export interface BacktestReport {
  readonly revision: string;
  readonly modelName: string;
  readonly day: EpochDay;
  /** In the model's band order, `insufficient` last. */
  readonly bands: readonly BacktestBand[];
  /** Customers the revision put in the lowest band that day, worst score first (up to 200), with how they ended. */
  readonly flagged: readonly BacktestCustomer[];
  readonly flaggedTotal: number;
  /** AUC of that day's scores against the outcomes recorded after it. */
  readonly auc: AucInfo | null;
}
