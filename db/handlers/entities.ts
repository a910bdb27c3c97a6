import type { z } from 'zod';
import type { Contact } from '../../shared/domain/contact.ts';
import type {
  Campaign,
  CampaignMember,
  CompetitorOffer,
  Deal,
  Payment,
  ServiceRequest,
} from '../../shared/domain/deal.ts';
import type { Followup } from '../../shared/domain/followup.ts';
import type { Interaction } from '../../shared/domain/interaction.ts';
import type { Tag, TeamMember } from '../../shared/domain/team.ts';
import { entities } from '../../shared/entities/entities.ts';
import { defineEntity } from './crud.ts';

/** The record handlers of each entity: its declaration (shared/entities), and what a record adds to it. */
export const teamMemberDef = defineEntity<TeamMember>()(entities.team_member);
export const contactDef = defineEntity<Contact>()(entities.contact);
export const tagDef = defineEntity<Tag>()(entities.tag);
export const interactionDef = defineEntity<Interaction>()(entities.interaction);
export const followupDef = defineEntity<Followup>()(entities.followup);
export const dealDef = defineEntity<Deal>()(entities.deal);

/** Amount, cost and currency are one stored JSON field `money` (they sync together); see payments. */
export const paymentDef = defineEntity<Payment>()(entities.payment, {
  decorate: (_ctx, records) =>
    records.map((record) => {
      const { money, ...rest } = record as Payment & {
        money: { amount: number; cost: number | null; currency: string };
      };
      return { ...rest, amount: money.amount, cost: money.cost, currency: money.currency };
    }),
});

export const competitorOfferDef = defineEntity<z.infer<typeof CompetitorOffer>>()(entities.competitor_offer);
export const serviceRequestDef = defineEntity<z.infer<typeof ServiceRequest>>()(entities.service_request);
export const campaignDef = defineEntity<z.infer<typeof Campaign>>()(entities.campaign);

export const campaignMemberDef = defineEntity<z.infer<typeof CampaignMember>>()(entities.campaign_member, {
  decorate: (ctx, records) => {
    const clientName = ctx.db.prepare('SELECT name FROM client WHERE id = ?');
    return records.map((record) => {
      const row = clientName.get(record.clientId) as { name: string } | undefined;
      return { ...record, clientName: row?.name ?? '' };
    });
  },
});
