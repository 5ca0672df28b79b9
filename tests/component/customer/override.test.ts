/**
 * Setting a band by hand on the customer page, with the real in-process engine on the demo: the
 * form refuses to save without a reason (said by the field), then the band shows set by hand next
 * to the computed score — in words, for screen readers too — and "End now" gives the computed band back.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/ui/format';
import { i18n } from '../../../src/ui/i18n.svelte';
import { bandLabel } from '../../../src/ui/shared/bands';
import { EngineService } from '../../../src/worker/service';
import { customerTitle, openCustomer, SLOW, TODAY } from './support';

beforeEach(() => {
  i18n.locale = 'en';
});

/** The engine, with the device's clock on the tests' day. */
function engine(): EngineService {
  const midnight = new Date(TODAY * 86_400_000);
  return new EngineService({ today: () => new Date(midnight.getTime() + midnight.getTimezoneOffset() * 60_000) });
}

describe('setting a band by hand', () => {
  it('needs a reason; then shows the band set by hand beside the computed one, and ends it', async () => {
    const service = engine();
    const reference = engine();
    await reference.loadDemo({ asOf: TODAY });
    const [table, scores] = [await reference.customers(), await reference.scores()];
    // A red customer, set green by hand.
    const row = [...scores.band.keys()].find((r) => scores.bands[scores.band[r]!]!.id === 'red')!;
    const id = table.ids[row]!;
    const user = userEvent.setup();
    openCustomer(id, service);
    await customerTitle(table.names[row]!);

    const form = within(await screen.findByRole('region', { name: 'Set band by hand' }, { timeout: SLOW }));
    const expiry = form.getByLabelText('Until (last day it applies)');
    expect(expiry).toHaveValue(new Date((TODAY + 30) * 86_400_000).toISOString().slice(0, 10));
    await user.click(form.getByRole('radio', { name: 'Green' }));
    await user.click(form.getByRole('button', { name: 'Set this band' }));
    const reason = form.getByLabelText('Reason (required)');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Write the reason: a band set by hand needs one.'));
    expect(reason).toHaveFocus();
    expect(await service.listOverrides(id)).toEqual([]);

    await user.type(reason, 'Champion renewed verbally');
    await user.click(form.getByRole('button', { name: 'Set this band' }));
    expect(await form.findByText('Band set by hand. It shows wherever this customer’s band shows.', {}, { timeout: SLOW })).toBeInTheDocument();

    const score = within(screen.getByRole('region', { name: 'Health score' }));
    const until = formatDay(TODAY + 30, 'en');
    await waitFor(() => expect(score.getByText(`Band set by hand: Green until ${until}`)).toBeInTheDocument(), { timeout: SLOW });
    expect(score.getByText('Reason: Champion renewed verbally')).toBeInTheDocument();
    expect(score.getByText(`Computed: ${bandLabel(scores.bands[scores.band[row]!]!, i18n.t)}, ${scores.score[row]}`)).toBeInTheDocument();
    // The badge says it in words, not by colour alone.
    expect(score.getByText('set by hand')).toBeVisible();

    await user.click(score.getByRole('button', { name: `End the band set by hand (Green until ${until}) now` }));
    expect(await score.findByText('The band set by hand has ended: the computed band shows again.', {}, { timeout: SLOW })).toBeInTheDocument();
    expect(score.queryByText('set by hand')).toBeNull();
    expect(score.getByText('Red')).toBeInTheDocument();
    // Listed as ended on the form's side.
    expect(await form.findByText('Ended by hand', {}, { timeout: SLOW })).toBeInTheDocument();
  }, SLOW * 2);
});
