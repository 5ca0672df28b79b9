/**
 * Column auto-mapping for the import wizard: guesses which header holds each customer field and
 * each metric the model reads, by name, in English, Portuguese (pt-BR) and Spanish.
 *
 * Pure and deterministic. Matching works on a normalised form of each name: BOM, accents, case,
 * camelCase, separators (space _ - . / parentheses), currency marks, plurals and filler words
 * ("de", "do", "of"…) do not matter; "30 dias", "30d" and "last 30 days" are the same window.
 */

export const CUSTOMER_FIELDS = ['id', 'name', 'segment', 'stage', 'owner', 'mrr', 'renewalDate'] as const;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** What the mapping needs to know about a metric: `source` defaults to `id`, as in the model. */
export interface MappableMetric {
  readonly id: string;
  readonly source?: string;
  readonly label?: string;
}

export interface MappingOptions {
  readonly metrics?: readonly MappableMetric[];
}

export interface ColumnMapping {
  /** Header index per customer field, for the fields some header looks like. */
  readonly fields: Partial<Record<CustomerField, number>>;
  /** Header index per metric id. Metrics that read the same source column share its header. */
  readonly metrics: Record<string, number>;
  /** Indexes of the headers nothing was mapped to, ascending. */
  readonly unmapped: number[];
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Words that carry no meaning in a column name. */
const FILLER = new Set([
  'de', 'da', 'do', 'das', 'dos', 'del', 'la', 'las', 'el', 'los', 'of', 'the', 'em', 'en', 'in',
  'e', 'y', 'and', 'per', 'por', 'para', 'for', 'a', 'o', 'al',
  // currency codes left once the symbols are gone
  'usd', 'brl', 'eur', 'mxn', 'ars', 'clp', 'cop', 'gbp',
]);

/** "Last"/"últimos" only before a window number ("last 30 days"); "último login" keeps it. */
const LAST = new Set(['last', 'past', 'ultimo', 'ultimos', 'ultima', 'ultimas', 'nos', 'nas']);

/** Words that say which customer a column is about: "cliente_nome", "customer id", "account name". */
const CONTEXT = new Set(['customer', 'client', 'cliente', 'account', 'conta', 'cuenta', 'company', 'empresa']);

const UNITS: Readonly<Record<string, string>> = {
  d: 'd', day: 'd', days: 'd', dia: 'd', dias: 'd',
  w: 'w', wk: 'w', week: 'w', weeks: 'w', semana: 'w', semanas: 'w',
  m: 'm', mo: 'm', month: 'm', months: 'm', mes: 'm', meses: 'm',
  y: 'y', yr: 'y', year: 'y', years: 'y', ano: 'y', anos: 'y',
};

const PERCENT_WORDS = new Set(['pct', 'percent', 'percentage', 'percentual', 'porcentagem', 'porcentaje', 'porcento']);

/** A rough singular/stem, the same for both sides of every comparison. */
function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('oes')) w = `${w.slice(0, -3)}ao`; // renovações
  else if (w.endsWith('ais')) w = `${w.slice(0, -3)}al`; // mensais
  else if (w.endsWith('eis')) w = `${w.slice(0, -3)}el`;
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`; // activities
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1); // cliente/clientes, line/lines
  return w;
}

/** Raw tokens of a name: lower case, no accents, camelCase and digits split, % as "pct". */
function rawTokens(name: string): string[] {
  const text = name
    .replace(/^\uFEFF/, '')
    .replace(/\bn\s*[º°]/gi, ' numero ') // nº cliente
    .replace(/(?:r|us)?\$|€|£/gi, ' ')
    .replace(/%/g, ' pct ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return text.split(/[^a-z0-9]+/).filter((token) => token !== '');
}

interface Normalized {
  /** Every meaningful token, stemmed, windows folded ("30d"): the form names are compared in. */
  readonly full: string;
  /** `full` without windows and "pct": what synonyms are compared with. */
  readonly base: string;
  /** `base` without "customer"/"cliente"/… words; '' when nothing else is left. */
  readonly core: string;
  /** The window ("30d") if the name has one. */
  readonly window: string | undefined;
}

function normalize(name: string): Normalized {
  const raw = rawTokens(name);
  const tokens: string[] = [];
  const windows: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    const next = raw[i + 1];
    if (LAST.has(token) && next !== undefined && /^\d+$/.test(next)) continue;
    if (/^\d+$/.test(token) && next !== undefined && UNITS[next] !== undefined) {
      const window = `${Number(token)}${UNITS[next]}`;
      tokens.push(window);
      windows.push(window);
      i++;
      continue;
    }
    if (FILLER.has(token)) continue;
    tokens.push(PERCENT_WORDS.has(token) ? 'pct' : stem(token));
  }
  const baseTokens = tokens.filter((token) => token !== 'pct' && !windows.includes(token));
  const coreTokens = baseTokens.filter((token) => !CONTEXT_STEMS.has(token));
  return {
    full: tokens.join(' '),
    base: baseTokens.join(' '),
    core: coreTokens.length < baseTokens.length ? coreTokens.join(' ') : '',
    window: windows.length === 1 ? windows[0] : windows.length > 1 ? windows.join(' ') : undefined,
  };
}

const CONTEXT_STEMS: ReadonlySet<string> = new Set([...CONTEXT].map(stem));

const baseOf = (term: string): string => normalize(term).base;

// ---------------------------------------------------------------------------------------------
// Vocabulary

interface FieldVocabulary {
  readonly synonyms: readonly string[];
  /** Plausible but second-choice names (tax ids for `id`). */
  readonly weak?: readonly string[];
}

const FIELD_VOCABULARY: Readonly<Record<CustomerField, FieldVocabulary>> = {
  id: {
    synonyms: [
      'id', 'customer id', 'client id', 'account id', 'company id', 'external id', 'uuid', 'key',
      'code', 'customer code', 'customer number', 'account number', 'client number',
      'codigo', 'cod', 'codigo cliente', 'id cliente', 'numero cliente', 'no cliente', 'nro cliente',
      'numero', 'nro', 'number', 'identificador', 'id empresa', 'codigo empresa', 'id cuenta',
    ],
    weak: ['cnpj', 'cpf', 'cpf cnpj', 'cnpj cpf', 'nit', 'rut', 'cuit', 'rfc', 'tax id', 'vat'],
  },
  name: {
    synonyms: [
      'name', 'customer', 'customer name', 'client', 'client name', 'company', 'company name',
      'account', 'account name', 'organization', 'organisation', 'business name',
      'cliente', 'nome', 'nome cliente', 'razao social', 'nome fantasia', 'empresa', 'conta',
      'nombre', 'nombre cliente', 'compania', 'razon social', 'cuenta', 'organizacao', 'organizacion',
      'denominacion',
    ],
  },
  segment: {
    synonyms: [
      'segment', 'customer segment', 'tier', 'plan', 'pricing plan', 'customer type',
      'segmento', 'segmentacao', 'plano', 'porte', 'tipo cliente', 'segmentacion', 'tipo de cliente',
      'categoria cliente',
    ],
  },
  stage: {
    synonyms: [
      'stage', 'lifecycle', 'lifecycle stage', 'journey stage', 'customer stage', 'phase',
      'fase', 'etapa', 'estagio', 'ciclo vida', 'fase ciclo vida', 'etapa ciclo vida', 'etapa jornada',
      'fase jornada', 'estadio',
    ],
  },
  owner: {
    synonyms: [
      'owner', 'account owner', 'csm', 'cs manager', 'customer success manager', 'account manager',
      'manager', 'assigned to', 'rep', 'account executive',
      'responsavel', 'gerente', 'gerente conta', 'gerente cuenta', 'dono', 'csm responsavel',
      'executivo', 'executivo conta', 'propietario', 'dueno', 'responsable', 'ejecutivo',
      'ejecutivo cuenta', 'gestor', 'gestor conta',
    ],
  },
  mrr: {
    synonyms: [
      'mrr', 'monthly revenue', 'monthly recurring revenue', 'monthly charge', 'monthly fee',
      'monthly value', 'monthly amount', 'monthly spend', 'monthly payment', 'monthly billing',
      'receita mensal', 'receita recorrente mensal', 'mensalidade', 'valor mensal', 'gasto mensal',
      'cobranca mensal', 'fatura mensal', 'faturamento mensal', 'pagamento mensal',
      'ingreso mensual', 'ingreso recurrente mensual', 'cuota', 'cuota mensual', 'mensualidad',
      'cargo mensual', 'importe mensual', 'facturacion mensual', 'pago mensual',
    ],
  },
  renewalDate: {
    synonyms: [
      'renewal', 'renewal date', 'next renewal', 'contract renewal', 'contract end', 'contract end date',
      'data renovacao', 'renovacao', 'proxima renovacao', 'vencimento contrato', 'fim contrato',
      'data fim contrato', 'data vencimento contrato', 'fecha renovacion', 'renovacion',
      'proxima renovacion', 'vencimiento contrato', 'fin contrato', 'fecha fin contrato',
      'fecha vencimiento contrato',
    ],
  },
};

/**
 * Common indicators in the three languages. A metric belongs to a concept when its source, id
 * or label is one of the concept's names; a header then matches it when it is one of them too.
 */
const METRIC_CONCEPTS: readonly (readonly string[])[] = [
  ['logins', 'login', 'log ins', 'sign ins', 'sessions', 'acessos', 'sessoes', 'accesos', 'sesiones', 'inicios sesion'],
  ['active seats', 'active seats pct', 'seats active', 'active users', 'seat utilization', 'licencas ativas',
    'licencas em uso', 'usuarios ativos', 'uso licencas', 'asientos activos', 'licencias activas', 'usuarios activos'],
  ['last login', 'days since login', 'days since last login', 'last seen', 'ultimo login', 'ultimo acesso',
    'dias desde ultimo login', 'dias desde ultimo acesso', 'dias sem login', 'dias sem acesso', 'ultimo acceso',
    'dias desde ultimo acceso', 'dias sin login', 'dias sin acceso'],
  ['features adopted', 'features used', 'funcionalidades adotadas', 'recursos adotados', 'funcionalidades usadas',
    'funcionalidades adoptadas', 'adopcion funcionalidades'],
  ['meetings', 'calls', 'calls and meetings', 'reunioes', 'ligacoes', 'reunioes e ligacoes', 'reuniones', 'llamadas',
    'reuniones y llamadas'],
  ['events', 'webinars', 'events attended', 'eventos', 'eventos e webinars', 'eventos y webinars'],
  ['nps', 'nps score', 'nps answer', 'net promoter score', 'nota nps', 'puntuacion nps'],
  ['csat', 'csat score', 'customer satisfaction', 'satisfaction', 'satisfacao', 'nota csat', 'satisfaccion'],
  ['tickets', 'support tickets', 'open tickets', 'cases', 'support cases', 'chamados', 'chamados abertos',
    'tickets abertos', 'chamados suporte', 'tiques', 'tiquetes', 'tickets abiertos', 'tiques abiertos', 'tiquetes abiertos', 'chamados em aberto', 'casos', 'casos abiertos',
    'incidentes'],
  ['bug tickets', 'bugs', 'bug reports', 'chamados bug', 'tickets bug', 'bugs reportados', 'tiques bug',
    'tickets error', 'incidencias error'],
  ['late invoices', 'invoices paid late', 'late payments', 'faturas em atraso', 'faturas atrasadas',
    'boletos atrasados', 'pagamentos atrasados', 'facturas atrasadas', 'facturas vencidas', 'pagos atrasados'],
  ['days overdue', 'overdue days', 'days past due', 'dpd', 'dias em atraso', 'dias de atraso', 'dias atraso',
    'dias vencido', 'dias de retraso', 'dias de mora', 'dias en mora', 'dias vencidos'],
  ['milestones', 'milestones reached', 'marcos', 'marcos atingidos', 'hitos', 'hitos alcanzados'],
  ['onboarding', 'onboarding done', 'onboarding completed', 'onboarding concluido', 'onboarding completo',
    'implantacao concluida', 'implementacion completa'],
  ['csm sentiment', 'sentiment', 'csm feeling', 'sentimento', 'sentimento csm', 'percepcao csm', 'sentimiento',
    'sentimiento csm', 'percepcion csm'],
  ['orders', 'purchases', 'pedidos', 'compras', 'ordenes'],
  ['last order', 'days since last order', 'days since order', 'ultimo pedido', 'ultima compra',
    'dias desde ultimo pedido', 'dias desde ultima compra'],
  ['avg order value', 'average order value', 'aov', 'ticket medio', 'valor medio pedido', 'ticket promedio',
    'valor promedio pedido'],
  ['pauses', 'subscription pauses', 'pausas', 'pausas assinatura', 'pausas suscripcion'],
  ['tenure', 'tenure months', 'months as subscriber', 'tempo permanencia', 'tempo de casa', 'tempo como cliente',
    'meses como cliente', 'antiguedad', 'meses de assinatura'],
  ['support contacts', 'support interactions', 'contatos suporte', 'contatos com suporte', 'contactos soporte'],
  ['review rating', 'rating', 'stars', 'avaliacao', 'nota avaliacao', 'estrelas', 'calificacion', 'valoracion',
    'estrellas'],
  ['payment failures', 'failed payments', 'pagamentos falhos', 'falhas de pagamento', 'pagamentos recusados',
    'pagos fallidos', 'cobros fallidos'],
  ['referrals', 'indicacoes', 'referidos', 'recomendaciones'],
  ['cancel requested', 'cancellation requested', 'pediu cancelamento', 'solicitou cancelamento',
    'solicito cancelacion', 'pidio cancelar'],
  ['subscription status', 'status assinatura', 'estado suscripcion'],
];

const FIELD_TERMS = CUSTOMER_FIELDS.map((field) => ({
  field,
  canonical: normalize(field).full,
  synonyms: new Set(FIELD_VOCABULARY[field].synonyms.map(baseOf)),
  weak: new Set((FIELD_VOCABULARY[field].weak ?? []).map(baseOf)),
}));

const CONCEPT_TERMS: readonly ReadonlySet<string>[] = METRIC_CONCEPTS.map((terms) => new Set(terms.map(baseOf)));

// ---------------------------------------------------------------------------------------------
// Scoring

/** Match strengths: exact > normalised (field name, metric source, id, label) > synonym > via "cliente_…". */
const SCORE = {
  exact: 100,
  normalized: 80,
  metricId: 70,
  metricLabel: 60,
  synonym: 40,
  coreCanonical: 35,
  weakSynonym: 30,
  coreSynonym: 20,
  coreWeakSynonym: 15,
} as const;

function fieldScore(header: string, name: Normalized, terms: (typeof FIELD_TERMS)[number]): number {
  if (header.replace(/^\uFEFF/, '').trim() === terms.field) return SCORE.exact;
  if (name.full !== '' && name.full === terms.canonical) return SCORE.normalized;
  if (name.window !== undefined) return 0; // "Logins 30 dias" is never a customer field
  if (terms.synonyms.has(name.base)) return SCORE.synonym;
  if (name.core !== '' && name.core === terms.canonical) return SCORE.coreCanonical;
  if (terms.weak.has(name.base)) return SCORE.weakSynonym;
  if (name.core !== '' && terms.synonyms.has(name.core)) return SCORE.coreSynonym;
  if (name.core !== '' && terms.weak.has(name.core)) return SCORE.coreWeakSynonym;
  return 0;
}

/** Metrics reading one source column: they are mapped together, to one header. */
interface SourceGroup {
  readonly source: string;
  readonly metricIds: string[];
  readonly sourceName: Normalized;
  readonly ids: Normalized[];
  readonly labels: Normalized[];
  readonly concepts: ReadonlySet<number>;
  readonly window: string | undefined;
}

function groupMetrics(metrics: readonly MappableMetric[]): SourceGroup[] {
  const groups = new Map<string, { source: string; metrics: MappableMetric[] }>();
  for (const metric of metrics) {
    const source = metric.source ?? metric.id;
    const key = normalize(source).full || source;
    const group = groups.get(key);
    if (group) group.metrics.push(metric);
    else groups.set(key, { source, metrics: [metric] });
  }
  return [...groups.values()].map(({ source, metrics: members }) => {
    const sourceName = normalize(source);
    const ids = members.map((metric) => normalize(metric.id));
    const labels = members.flatMap((metric) => (metric.label ? [normalize(metric.label)] : []));
    const names = [sourceName, ...ids, ...labels];
    const concepts = new Set<number>();
    CONCEPT_TERMS.forEach((terms, index) => {
      if (names.some((name) => name.base !== '' && terms.has(name.base))) concepts.add(index);
    });
    return {
      source,
      metricIds: members.map((metric) => metric.id),
      sourceName,
      ids,
      labels,
      concepts,
      window: sourceName.window ?? ids.find((id) => id.window !== undefined)?.window,
    };
  });
}

function metricScore(header: string, name: Normalized, group: SourceGroup): number {
  if (header.replace(/^\uFEFF/, '').trim() === group.source) return SCORE.exact;
  if (name.full === '') return 0;
  if (name.full === group.sourceName.full) return SCORE.normalized;
  if (group.ids.some((id) => id.full === name.full)) return SCORE.metricId;
  if (group.labels.some((label) => label.full === name.full)) return SCORE.metricLabel;
  // Synonyms: "Chamados 90 dias" is not tickets_30d; "Chamados abertos" (no window) is.
  if (name.window !== undefined && group.window !== undefined && name.window !== group.window) return 0;
  for (const concept of group.concepts) {
    const terms = CONCEPT_TERMS[concept] as ReadonlySet<string>;
    if (terms.has(name.base)) return SCORE.synonym;
  }
  for (const concept of group.concepts) {
    const terms = CONCEPT_TERMS[concept] as ReadonlySet<string>;
    if (name.core !== '' && terms.has(name.core)) return SCORE.coreSynonym;
  }
  return 0;
}

interface Candidate {
  readonly score: number;
  readonly header: number;
  /** Fields first (in CUSTOMER_FIELDS order), then source groups in model order. */
  readonly target: number;
}

/**
 * Suggests which header holds each customer field and each metric. Every header is used at most
 * once; the strongest matches are taken first, ties going to the leftmost header.
 */
export function suggestMapping(headers: readonly string[], options: MappingOptions = {}): ColumnMapping {
  const names = headers.map(normalize);
  const groups = groupMetrics(options.metrics ?? []);
  const candidates: Candidate[] = [];
  names.forEach((name, header) => {
    const written = headers[header] as string;
    FIELD_TERMS.forEach((terms, target) => {
      const score = fieldScore(written, name, terms);
      if (score > 0) candidates.push({ score, header, target });
    });
    groups.forEach((group, index) => {
      const score = metricScore(written, name, group);
      if (score > 0) candidates.push({ score, header, target: FIELD_TERMS.length + index });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.header - b.header || a.target - b.target);

  const fields: Partial<Record<CustomerField, number>> = {};
  const metrics: Record<string, number> = {};
  const usedHeaders = new Set<number>();
  const doneTargets = new Set<number>();
  for (const { header, target } of candidates) {
    if (usedHeaders.has(header) || doneTargets.has(target)) continue;
    usedHeaders.add(header);
    doneTargets.add(target);
    if (target < FIELD_TERMS.length) {
      fields[(FIELD_TERMS[target] as (typeof FIELD_TERMS)[number]).field] = header;
    } else {
      for (const id of (groups[target - FIELD_TERMS.length] as SourceGroup).metricIds) metrics[id] = header;
    }
  }
  const unmapped = headers.map((_, index) => index).filter((index) => !usedHeaders.has(index));
  return { fields: orderedFields(fields), metrics: orderedMetrics(metrics, options.metrics ?? []), unmapped };
}

function orderedFields(fields: Partial<Record<CustomerField, number>>): Partial<Record<CustomerField, number>> {
  const ordered: Partial<Record<CustomerField, number>> = {};
  for (const field of CUSTOMER_FIELDS) if (fields[field] !== undefined) ordered[field] = fields[field];
  return ordered;
}

function orderedMetrics(metrics: Record<string, number>, order: readonly MappableMetric[]): Record<string, number> {
  const ordered: Record<string, number> = {};
  for (const { id } of order) if (metrics[id] !== undefined) ordered[id] = metrics[id];
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Layout key

/** A header as the layout key sees it: no BOM, NFC, trimmed, one space per run, lower case. */
function layoutName(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A stable key for a file layout, to remember a user's mapping per layout: the same headers in
 * the same order give the same key whatever their case, spacing or BOM; anything else differs.
 */
export function layoutKey(headers: readonly string[]): string {
  return `layout/v1:${JSON.stringify(headers.map(layoutName))}`;
}
