import { plural } from '../../words/plural';
import { evaluateJournal } from '../evaluateJournal';
import { defineUpgradeCheck } from './context';

/**
 * For journal billing: fails when a replica is overdue or never returned a journal, warns when
 * one is due (the billing pods restart during an upgrade); passes as not applicable otherwise.
 */
export const journalCheck = defineUpgradeCheck({
  id: 'journal',
  title: 'Billing journals',
  evaluate(ctx) {
    const { spec } = ctx.entity;
    if (spec.billing?.mode !== 'journal') {
      return {
        outcome: 'pass',
        message: `does not apply: this deployment bills by ${
          spec.billing?.mode ?? 'no declared mode'
        }, not by journals`,
      };
    }
    const signal = evaluateJournal(spec, ctx.observations, ctx.now, {
      dueWindowDays: ctx.journalDueWindowDays,
    });
    const late = signal.replicas.filter(
      r => r.status === 'overdue' || r.status === 'never-received',
    );
    const due = signal.replicas.filter(r => r.status === 'due');
    const before =
      'the billing pods restart during the upgrade, so return their journals first';
    if (late.length) {
      const lines = late.map(r =>
        r.status === 'overdue'
          ? `${r.name} is overdue (due ${r.dueAt})`
          : `${r.name} has never returned a journal`,
      );
      return {
        outcome: 'fail',
        message: lines.join(', '),
        fix: `collect and return the journals of ${late
          .map(r => r.name)
          .join(', ')} before upgrading; ${before}`,
      };
    }
    if (due.length) {
      return {
        outcome: 'warn',
        message: due.map(r => `${r.name} is due by ${r.dueAt}`).join(', '),
        fix: `return the journals of ${due
          .map(r => r.name)
          .join(', ')} before upgrading; ${before}`,
      };
    }
    return {
      outcome: 'pass',
      message: `the journals of all ${plural(
        signal.replicas.length,
        'billing replica',
      )} are fresh (next due ${signal.dueAt})`,
    };
  },
});
