/**
 * The calibration screen on a hand-made report, found by role and label: the AUC in words, the
 * small-sample warning, a failed checklist line, the contradicting indicator's warning, using the
 * suggested weights (a new revision, then a link to compare), keeping the current ones, the
 * guidance when no outcome is recorded, and a backtest with its flagged customers linked.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { epochDay } from '../../../src/engine';
import CalibrationScreen from '../../../src/ui/calibration/CalibrationScreen.svelte';
import { i18n } from '../../../src/ui/i18n.svelte';
import { AppState } from '../../../src/ui/state/app-state.svelte';
import type { CalibrationReport } from '../../../src/worker/api';
import { renderUnder } from '../data/support';
import { fakeApi, makeReport, SUGGESTED_MODEL } from './report';

function show(report: CalibrationReport | null, options: { days?: number[] } = {}) {
  const { api, calls } = fakeApi(report, options);
  const app = new AppState({ api, memory: { read: () => 'demo', write: () => undefined }, today: () => epochDay(2026, 11, 23) });
  const refresh = vi.spyOn(app, 'refresh').mockResolvedValue();
  renderUnder(app, CalibrationScreen);
  return { calls, refresh };
}

beforeEach(() => {
  i18n.locale = 'en';
});

describe('the calibration screen', () => {
  it('says what to do when no outcome is recorded, with no chart', async () => {
    show(null);
    expect(await screen.findByRole('heading', { name: 'No outcome recorded yet' })).toBeInTheDocument();
    expect(screen.getByText(/Import a file of outcomes above, or record an outcome on a customer’s page/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Validity checklist' })).toBeNull();
  });

  it('states the AUC with its interval in plain words, the counts, both charts with their text alternatives', async () => {
    show(makeReport());
    expect(await screen.findByText('AUC 0.78 (95% interval 0.74–0.82).')).toBeInTheDocument();
    expect(screen.getByText(/0\.5 is a coin toss, 1 tells churned from retained every time/)).toBeInTheDocument();
    expect(screen.getByText('40 churned customers')).toBeInTheDocument();
    expect(screen.getByText('160 retained customers')).toBeInTheDocument();
    expect(screen.getByText(/3 outcomes left out: their customers are not in this data/)).toBeInTheDocument();
    expect(screen.getByText(/4 customers have a band set by hand \(1 churned\): the calibration uses their computed score/)).toBeInTheDocument();
    // No small-sample warning on a large enough sample.
    expect(screen.queryByText(/Few outcomes/)).toBeNull();

    expect(screen.getByRole('img', { name: /ROC curve of the score against churn, AUC 0\.78/ })).toBeInTheDocument();
    const bars = screen.getByRole('img', { name: /Bar chart of the churn rate per band: Red: 50%, Yellow: 20%, Green: 5%; base rate 20%/ });
    expect(bars).toHaveAttribute('aria-describedby', 'band-table');
    const table = screen.getByRole('table', { name: 'Churn per band (base rate 20%)' });
    const red = within(table).getByRole('row', { name: /Red/ });
    expect(within(red).getAllByRole('cell').map((c) => c.textContent?.trim())).toEqual(['25 of 50', '50% (95% interval 37%–63%)']);
    const reads = screen.getByRole('table', { name: /catches this share of churned customers/ });
    expect(within(reads).getByRole('row', { name: '10% 40%' })).toBeInTheDocument();
    expect(screen.getByText(/The 25% with the lowest scores: 48% churned/)).toBeInTheDocument();
  });

  it('says so when no outcome belongs to a customer it could score, with no chart', async () => {
    show(makeReport({ churned: 0, retained: 0, unmatched: 5, unscored: 0, small: true, suggestion: null, noSuggestion: 'too-few' }));
    expect(await screen.findByText(/None of the outcomes recorded belongs to a customer Pulso could score/)).toBeInTheDocument();
    expect(screen.getByText(/5 outcomes left out: their customers are not in this data/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('warns plainly on a small sample', async () => {
    show(makeReport({ small: true, churned: 12 }));
    expect(await screen.findByText('Few outcomes: every figure below is uncertain')).toBeInTheDocument();
    expect(screen.getByText(/fewer than 30 churned \(or 30 retained\) customers/)).toBeInTheDocument();
  });

  it('reads a failed checklist line as failed, with its figure against its target', async () => {
    show(makeReport());
    const list = within(await screen.findByRole('region', { name: 'Validity checklist' })).getByRole('list');
    const lowest = within(list).getByText('Red churns at 2.5× the base rate (target ≥ 3×).').closest('li')!;
    expect(lowest).toHaveTextContent(/^Failed/);
    const sample = within(list).getByText(/At least 30 churned and 30 retained customers: 40 churned/).closest('li')!;
    expect(sample).toHaveTextContent(/^Passed/);
    expect(within(list).getByText(/60–90 days before they left/).closest('li')).toHaveTextContent(/^Can’t tell/);
    expect(within(list).getByText(/1 indicator contradicts its rule \(target: none\): Support tickets/).closest('li')).toHaveTextContent(/^Failed/);
  });

  it('warns on the indicator the data contradicts, and not on the one it agrees with', async () => {
    show(makeReport());
    const tickets = await screen.findByRole('article', { name: 'Support tickets' });
    expect(within(tickets).getByText('Contradicts the data')).toBeInTheDocument();
    expect(within(tickets).getByRole('note')).toHaveTextContent('The data says the opposite of the rule: customers with more points for Support tickets churn more. Check the rule’s direction');
    expect(within(tickets).getByText('AUC 0.38 (95% interval 0.30–0.46)')).toBeInTheDocument();
    const logins = screen.getByRole('article', { name: 'Logins per week' });
    expect(within(logins).getByText('Agrees with the data')).toBeInTheDocument();
    expect(within(logins).queryByRole('note')).toBeNull();
    expect(within(logins).getByRole('row', { name: /No value 20% 2 of 10/ })).toBeInTheDocument();
    expect(within(logins).getByText('Share of the score: 40%')).toBeInTheDocument();
  });

  it('“Use the suggested weights” puts the suggestion’s model in use, rescoring, and links to the comparison', async () => {
    const { calls, refresh } = show(makeReport());
    const region = await screen.findByRole('region', { name: 'Suggested weights' });
    expect(within(region).getByText('0.70 (95% interval 0.65–0.75)')).toBeInTheDocument();
    expect(within(region).getByText('0.80 (95% interval 0.76–0.84)')).toBeInTheDocument();
    expect(within(region).getByText(/measured on customers each fit did not see: the customers are split into 5 groups/)).toBeInTheDocument();
    expect(within(region).getByText(/Given no weight: alongside the other indicators, more points did not go with less churn \(or too few customers had a value\): Support tickets/)).toBeInTheDocument();
    expect(within(region).getByRole('row', { name: 'Usage 40% 70%' })).toBeInTheDocument();

    await userEvent.click(within(region).getByRole('button', { name: 'Use the suggested weights' }));
    expect(calls.useModel).toHaveBeenCalledWith({ model: SUGGESTED_MODEL });
    await waitFor(() => expect(refresh).toHaveBeenCalledOnce());
    expect(await within(region).findByText(/The suggested weights are in use as a new revision of “Demo model”/)).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: 'Compare it with the revision before' })).toHaveAttribute('href', '#/compare');
    // The report is read again: it now calibrates the revision in use.
    expect(calls.calibration.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('says when the suggestion is not better and makes keeping the main action; keeping folds it away', async () => {
    const report = makeReport();
    const worse = { ...report.suggestion!, suggested: { ...report.suggestion!.current, auc: 0.69 } };
    const { calls } = show({ ...report, suggestion: worse });
    const region = await screen.findByRole('region', { name: 'Suggested weights' });
    expect(within(region).getByText(/do not tell churned from retained customers better than the current ones: keep the current weights/)).toBeInTheDocument();
    const keep = within(region).getByRole('button', { name: 'Keep the current weights' });
    expect(keep).not.toHaveClass('secondary');
    expect(within(region).getByRole('button', { name: 'Use the suggested weights' })).toHaveClass('secondary');
    await userEvent.click(keep);
    expect(within(region).getByText('You kept the current weights.')).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Use the suggested weights' })).toBeNull();
    expect(calls.useModel).not.toHaveBeenCalled();
  });

  it('says so when the weights in use are already the suggested ones, offering nothing to apply', async () => {
    const report = makeReport();
    const s = report.suggestion!;
    const settled = { ...s, categories: s.categories.map((r) => ({ ...r, suggestedShare: r.currentShare })), metrics: s.metrics.map((r) => ({ ...r, suggestedShare: r.currentShare })) };
    show({ ...report, suggestion: settled });
    expect(await screen.findByText('The weights in use are already the ones the outcomes suggest: nothing to change.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use the suggested weights' })).toBeNull();
  });

  it('warns that weights fitted to these outcomes look better on them than they are, with their out-of-fold AUC', async () => {
    const report = makeReport();
    show({ ...report, suggestion: { ...report.suggestion!, inUse: true, current: report.suggestion!.suggested } });
    expect(await screen.findByText('The weights in use are already the ones the outcomes suggest: nothing to change.')).toBeInTheDocument();
    const s = report.suggestion!.suggested;
    const value = `${s.auc.toFixed(2)} (95% interval ${s.low.toFixed(2)}–${s.high.toFixed(2)})`;
    expect(screen.getByText(`These weights were fitted to these very outcomes, so the score’s AUC above flatters them. On customers each fit did not see, they reach ${value}.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use the suggested weights' })).toBeNull();
  });

  it('says why there is no suggestion', async () => {
    show(makeReport({ suggestion: null, noSuggestion: 'too-few' }));
    expect(await screen.findByText('No weights suggested: too few outcomes to fit weights to.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use the suggested weights' })).toBeNull();
  });

  it('runs a backtest of an earlier snapshot and links each flagged customer', async () => {
    const { calls } = show(makeReport());
    const region = await screen.findByRole('region', { name: 'Backtest' });
    await userEvent.click(await within(region).findByRole('button', { name: 'Run the backtest' }));
    expect(calls.backtest).toHaveBeenCalledWith({ revision: 'rev-1', day: 20_400 });
    expect(await within(region).findByText('AUC of that day’s scores against the outcomes after it: 0.81 (95% interval 0.70–0.92).')).toBeInTheDocument();
    const table = within(region).getByRole('table', { name: 'How each band of that day ended' });
    expect(within(table).getByRole('row', { name: 'Red 3 2 1 0' })).toBeInTheDocument();
    expect(within(region).getByRole('heading', { name: '2 customers flagged (lowest band) that day' })).toBeInTheDocument();
    expect(within(region).getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '#/customer?id=c-7');
    expect(within(region).getByText(/^churned on /)).toBeInTheDocument();
    expect(within(region).getByText('no outcome yet')).toBeInTheDocument();
  });

  it('explains that a backtest needs more than one day of data', async () => {
    show(makeReport(), { days: [] });
    expect(await screen.findByText(/A backtest needs data of more than one day/)).toBeInTheDocument();
  });

  it('writes the figures the Portuguese way', async () => {
    i18n.locale = 'pt-BR';
    show(makeReport());
    expect(await screen.findByText('AUC 0,78 (intervalo de 95% 0,74–0,82).')).toBeInTheDocument();
    expect(screen.getByText(/Vermelho cancela 2,5× a taxa base \(meta ≥ 3×\)/)).toBeInTheDocument();
  });
});
