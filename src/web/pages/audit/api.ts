// The audit module's calls over the typed client (src/web/api/client.ts).
import { ok, http } from '../../api/client.ts';

/** Re-checks every card's ledger hash chain and the depreciation records (a full pass; the auditor asks for it). */
export const verifyLedger = () => ok(http.GET('/api/audit/verify'));
