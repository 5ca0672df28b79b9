/** The demo portfolio: a seeded, realistic B2B SaaS book over monthly snapshots. */
export {
  generateDemoPortfolio,
  DEMO_DEFAULTS,
  DEMO_MRR_RANGES,
  DEMO_OWNERS,
  DEMO_SEGMENTS,
  DEMO_SENTIMENTS,
  DEMO_STAGES,
  DEMO_STATUSES,
  type DemoPortfolio,
  type DemoPortfolioOptions,
  type DemoSegment,
} from './demo-portfolio';
