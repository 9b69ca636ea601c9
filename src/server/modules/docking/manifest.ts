import { DOCKING_INBOX } from '../../../contracts/docking-inbox.js';
import type { ModuleManifest } from '../../platform/module.js';
import type { ResourcePolicy } from '../../platform/policy/index.js';
import { cityWide, matchReadCond, mayDashboard, mayPost, ownerCond, postingReadCond, zoneRole } from './access.js';
import { DOCKING_FIGURES } from './figures.js';
import { rematchJob } from './jobs.js';
import { DOCKING_SOURCE } from './matches.js';
import { startPruningBookChanges } from './open-book.js';
import { DOCKING_ERRORS } from './problems.js';
import { POSTING_SECRETS } from './repository.js';
import { registerDockingRoutes } from './routes.js';
import { clearDocking, seedDocking } from './seed-demo.js';

/** Owners see a posting's figures and contacts; the presenters compute `mine` in SQL with ownerCond. */
const postings: ResourcePolicy = {
  read: (a, q) => postingReadCond(a, q),
  write: (a, q) =>
    a.readOnly
      ? false
      : a.role === 'city_admin'
        ? null
        : mayPost(a)
          ? ownerCond(a, q, 't.enterprise_id', 't.posted_by')
          : false,
  create: (a) => (mayPost(a) ? 'scoped' : false),
  confidential: POSTING_SECRETS,
  seesConfidential: (a, row) =>
    row.mine === true ||
    (a.role === 'enterprise_user' && a.enterpriseId !== null && row.enterpriseId === a.enterpriseId) ||
    (a.role !== 'enterprise_user' && !zoneRole(a) && row.postedBy === a.userId),
};

/** A match's sides see their own figures, and the other side's once the contact is open (repository.ts). */
const matches: ResourcePolicy = {
  read: (a, q) => (a.role === 'viewer' ? 'false' : matchReadCond(a, q)),
  write: (a, q) => (a.readOnly || a.role === 'viewer' || cityWide(a) ? false : matchReadCond(a, q)),
  create: () => false,
  confidential: [
    'demand.quantity',
    'demand.priceWan',
    'demand.contactName',
    'supply.quantity',
    'supply.priceWan',
    'supply.contactName',
  ],
  seesConfidential: (a, row) =>
    a.role === 'enterprise_user' &&
    a.enterpriseId !== null &&
    (row.customerId === a.enterpriseId || row.supplierId === a.enterpriseId),
};

/** Supply–demand docking (供需对接): postings, explained matches, double opt-in contacts, deals → supplier links. */
export const dockingModule: ModuleManifest = {
  name: 'docking',
  inbox: DOCKING_INBOX,
  routes: registerDockingRoutes,
  runtimeTables: {
    docking_posting_changes:
      'which postings changed in which transaction (0040), for the open book of a running server: transaction ids mean nothing in another database',
  },
  tracks: [
    'supply_links',
    'docking_postings',
    'chain_mappings',
    'enterprises',
    'occupancies',
    'units',
    'floors',
    'buildings',
    'parks',
  ],
  async seedReference(tx) {
    await tx.query(
      `insert into sources (id, title, publisher, note) values ($1, $2, 'ParkLink', $3) on conflict (id) do nothing`,
      [
        DOCKING_SOURCE,
        '园链通供需对接成交记录 / ParkLink docking deals',
        'Supplier links recorded from deals made through the docking module (issue 12)',
      ],
    );
  },
  seedDemo: seedDocking,
  clearDemo: clearDocking,
  // The open book's change rows (0040) are kept a day.
  async onListen(db) {
    startPruningBookChanges(db);
  },
  policies: { 'docking-postings': postings, 'docking-matches': matches },
  features: {
    'docking.post': mayPost,
    'docking.matches': (a) => a.role !== 'viewer',
    'docking.suggested': (a) => cityWide(a) || zoneRole(a) || (a.role === 'enterprise_user' && a.enterpriseId !== null),
    'docking.dashboard': mayDashboard,
    'docking.rematch': (a) => a.role === 'city_admin' && !a.readOnly,
  },
  errors: DOCKING_ERRORS,
  figures: DOCKING_FIGURES,
  jobs: [rematchJob],
};
