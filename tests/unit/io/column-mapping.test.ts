import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CUSTOMER_FIELDS, layoutKey, suggestMapping } from '../../../src/io/column-mapping';
import type { CustomerField, MappableMetric } from '../../../src/io/column-mapping';
import b2b from '../../../src/engine/starter-models/b2b-saas.json';
import subscription from '../../../src/engine/starter-models/subscription.json';

interface StarterModel {
  categories: { metrics: MappableMetric[] }[];
}
const metricsOf = (model: StarterModel): MappableMetric[] => model.categories.flatMap((c) => c.metrics);
const B2B = metricsOf(b2b as StarterModel);
const SUBSCRIPTION = metricsOf(subscription as StarterModel);

/** The first line of a dataset fixture, split on its ','. */
function datasetHeaders(name: string): string[] {
  const url = new URL(`../../fixtures/datasets/${name}.csv`, import.meta.url);
  const firstLine = readFileSync(fileURLToPath(url), 'utf8').split(/\r?\n/)[0] ?? '';
  return firstLine.split(',');
}

describe('suggestMapping: real datasets', () => {
  it.each<[string, Partial<Record<CustomerField, string>>]>([
    ['telco-customer-churn', { id: 'customerID', mrr: 'MonthlyCharges' }],
    ['telco-churn-pt', { id: 'ID_cliente', mrr: 'Gastos_mensais' }],
    ['iranian-churn', {}],
  ])('%s', (name, expected) => {
    const headers = datasetHeaders(name);
    const mapping = suggestMapping(headers, { metrics: B2B });
    const named = Object.fromEntries(Object.entries(mapping.fields).map(([field, i]) => [field, headers[i]]));
    expect(named).toEqual(expected);
    expect(mapping.metrics).toEqual({});
    expect(mapping.unmapped).toHaveLength(headers.length - Object.keys(expected).length);
  });
});

describe('suggestMapping: CRM exports against a starter model', () => {
  it.each<[string, string, readonly MappableMetric[], Partial<Record<CustomerField, number>>, Record<string, number>]>([
    [
      'pt-BR',
      'Código;Razão Social;Segmento;Responsável;Mensalidade (R$);Data de renovação;Logins 30 dias;NPS;Chamados abertos;Dias em atraso;Sentimento CSM',
      B2B,
      { id: 0, name: 1, segment: 2, owner: 3, mrr: 4, renewalDate: 5 },
      { logins_30d: 6, nps: 7, tickets_30d: 8, days_overdue: 9, csm_sentiment: 10 },
    ],
    [
      'es',
      'Nº cliente;Nombre de la empresa;Plan;Etapa;Ejecutivo de cuenta;Cuota mensual (US$);Fecha de renovación;Accesos últimos 30 días;Días de atraso;Tiques abiertos;Sentimiento',
      B2B,
      { id: 0, name: 1, segment: 2, stage: 3, owner: 4, mrr: 5, renewalDate: 6 },
      { logins_30d: 7, days_overdue: 8, tickets_30d: 9, csm_sentiment: 10 },
    ],
    [
      'en',
      'Customer ID,Customer Name,Tier,Lifecycle Stage,CSM,Monthly Revenue ($),Renewal Date,Logins (last 30 days),Active Seats %,Last Login,NPS Score,CSAT,Bug tickets,Support tickets',
      B2B,
      { id: 0, name: 1, segment: 2, stage: 3, owner: 4, mrr: 5, renewalDate: 6 },
      { logins_30d: 7, active_seats_pct: 8, days_since_login: 9, nps: 10, csat: 11, bug_tickets_30d: 12, tickets_30d: 13 },
    ],
    [
      'column names as the model writes them',
      'id,name,logins_30d,csm_sentiment,last_login,days_overdue',
      B2B,
      { id: 0, name: 1 },
      { logins_30d: 2, csm_sentiment: 3, days_since_login: 4, days_overdue: 5 },
    ],
    [
      'subscription, pt-BR',
      'cliente_id;cliente_nome;Pedidos 90 dias;Último pedido;Ticket médio;Falhas de pagamento 90 dias;Avaliação;Indicações 12 meses',
      SUBSCRIPTION,
      { id: 0, name: 1 },
      { orders_90d: 2, days_since_order: 3, avg_order_value: 4, payment_failures_90d: 5, review_rating: 6 },
    ],
  ])('%s', (_, line, metrics, fields, metricMap) => {
    const headers = line.split(/[;,]/);
    const mapping = suggestMapping(headers, { metrics });
    expect(mapping.fields).toEqual(fields);
    expect(mapping.metrics).toEqual(metricMap);
    const used = new Set([...Object.values(fields), ...Object.values(metricMap)]);
    expect(mapping.unmapped).toEqual(headers.map((_h, i) => i).filter((i) => !used.has(i)));
  });
});

describe('suggestMapping: single headers', () => {
  it.each<[string, CustomerField | undefined]>([
    ['\uFEFFid', 'id'],
    ['CUSTOMER_ID', 'id'],
    ['id_cliente', 'id'],
    ['codigo cliente', 'id'],
    ['Cód.', 'id'],
    ['Client-ID', 'id'],
    ['Customer', 'name'],
    ['nome_cliente', 'name'],
    ['Compañía', 'name'],
    ['Conta', 'name'],
    ['Plano', 'segment'],
    ['Estágio', 'stage'],
    ['Fase', 'stage'],
    ['Account Manager', 'owner'],
    ['Gerente', 'owner'],
    ['Dono', 'owner'],
    ['Propietario', 'owner'],
    ['Receita mensal (R$)', 'mrr'],
    ['Valor_mensal', 'mrr'],
    ['Ingresos mensuales', 'mrr'],
    ['renewalDate', 'renewalDate'],
    ['Vencimento do contrato', 'renewalDate'],
    ['Renovação', 'renewalDate'],
    // Yearly, total or ambiguous amounts are not MRR; status is not a lifecycle stage.
    ['ARR', undefined],
    ['Annual revenue', undefined],
    ['TotalCharges', undefined],
    ['Customer Value', undefined],
    ['Status', undefined],
    ['Tariff Plan', undefined],
    ['Vencimento', undefined],
  ])('%s -> %s', (header, field) => {
    const { fields } = suggestMapping([header], {});
    expect(fields).toEqual(field === undefined ? {} : { [field]: 0 });
  });
});

describe('suggestMapping: conflicts', () => {
  it('gives each header to one target, the exact name beating a synonym on its left', () => {
    const mapping = suggestMapping(['customer_id', 'id', 'Name'], {});
    expect(mapping.fields).toEqual({ id: 1, name: 2 });
    expect(mapping.unmapped).toEqual([0]);
  });

  it('breaks a tie between equally good headers by taking the leftmost', () => {
    const mapping = suggestMapping(['Código', 'ID_cliente', 'Nome'], {});
    expect(mapping.fields).toEqual({ id: 0, name: 2 });
    expect(mapping.unmapped).toEqual([1]);
  });

  it('prefers a code over a tax id', () => {
    expect(suggestMapping(['CNPJ', 'Código'], {}).fields).toEqual({ id: 1 });
    expect(suggestMapping(['CNPJ', 'Razão social'], {}).fields).toEqual({ id: 0, name: 1 });
  });

  it("prefers the metric's source over its synonyms and keeps windows apart", () => {
    const metrics = [{ id: 'tickets_30d' }, { id: 'tickets_90d' }];
    const mapping = suggestMapping(['Chamados 90 dias', 'Tickets', 'Chamados 30 dias', 'tickets_30d'], { metrics });
    expect(mapping.metrics).toEqual({ tickets_30d: 3, tickets_90d: 0 });
    expect(mapping.unmapped).toEqual([1, 2]);
  });

  it('maps metrics that read the same column to the same header', () => {
    const metrics = [
      { id: 'overdue_30', source: 'days_overdue', label: 'More than 30 days overdue' },
      { id: 'overdue_60', source: 'days_overdue', label: 'More than 60 days overdue' },
    ];
    expect(suggestMapping(['Dias em atraso'], { metrics }).metrics).toEqual({ overdue_30: 0, overdue_60: 0 });
  });

  it("matches a metric by its label", () => {
    const metrics = [{ id: 'm1', source: 'col_17', label: 'Horas de treinamento' }];
    expect(suggestMapping(['horas_de_treinamento'], { metrics }).metrics).toEqual({ m1: 0 });
  });
});

describe('suggestMapping: nothing to map', () => {
  it.each<[string, readonly string[]]>([
    ['no headers', []],
    ['unrelated names', ['Foo', 'Bar', 'column C', '']],
  ])('%s', (_, headers) => {
    expect(suggestMapping(headers, { metrics: B2B })).toEqual({
      fields: {},
      metrics: {},
      unmapped: headers.map((_h, i) => i),
    });
  });

  it('is deterministic and knows every customer field', () => {
    const headers = ['id', 'name', 'segment', 'stage', 'owner', 'mrr', 'renewalDate'];
    expect(suggestMapping(headers)).toEqual(suggestMapping([...headers]));
    expect(Object.keys(suggestMapping(headers).fields)).toEqual([...CUSTOMER_FIELDS]);
  });
});

describe('layoutKey', () => {
  const base = ['ID_cliente', 'Razão Social', 'Gastos mensais'];
  it.each<[string, readonly string[]]>([
    ['case', ['id_CLIENTE', 'RAZÃO SOCIAL', 'gastos MENSAIS']],
    ['spacing', [' ID_cliente', 'Razão  Social ', 'Gastos\tmensais']],
    ['BOM', ['\uFEFFID_cliente', 'Razão Social', 'Gastos mensais']],
    ['decomposed accents', ['ID_cliente', 'Raza\u0303o Social', 'Gastos mensais']],
  ])('same layout despite %s', (_, headers) => {
    expect(layoutKey(headers)).toBe(layoutKey(base));
  });

  it.each<[string, readonly string[]]>([
    ['a column more', [...base, 'NPS']],
    ['a column less', base.slice(0, 2)],
    ['another column', ['ID_cliente', 'Razão Social', 'Gastos totais']],
    ['another order', ['Razão Social', 'ID_cliente', 'Gastos mensais']],
    ['names that would join the same', ['ID_cliente,Razão Social', 'Gastos mensais']],
  ])('another layout: %s', (_, headers) => {
    expect(layoutKey(headers)).not.toBe(layoutKey(base));
  });
});
