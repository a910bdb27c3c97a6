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
import {
  campaignEntity,
  campaignMemberEntity,
  competitorOfferEntity,
  contactEntity,
  dealEntity,
  followupEntity,
  interactionEntity,
  paymentEntity,
  serviceRequestEntity,
  tagEntity,
  teamMemberEntity,
} from '../../shared/entities/entities.ts';
import { defineEntity } from './crud.ts';

/** The record handlers of each entity: its declaration (shared/entities), and what a record adds to it. */
export const teamMemberDef = defineEntity<TeamMember>(teamMemberEntity);
export const contactDef = defineEntity<Contact>(contactEntity);
export const tagDef = defineEntity<Tag>(tagEntity);
export const interactionDef = defineEntity<Interaction>(interactionEntity);
export const followupDef = defineEntity<Followup>(followupEntity);
export const dealDef = defineEntity<Deal>(dealEntity);

/** Amount, cost and currency are one stored JSON field `money` (they sync together); see payments. */
export const paymentDef = defineEntity<Payment>(paymentEntity, {
  decorate: (_ctx, records) =>
    records.map((record) => {
      const { money, ...rest } = record as Payment & {
        money: { amount: number; cost: number | null; currency: string };
      };
      return { ...rest, amount: money.amount, cost: money.cost, currency: money.currency };
    }),
});

export const competitorOfferDef = defineEntity<z.infer<typeof CompetitorOffer>>(competitorOfferEntity);
export const serviceRequestDef = defineEntity<z.infer<typeof ServiceRequest>>(serviceRequestEntity);
export const campaignDef = defineEntity<z.infer<typeof Campaign>>(campaignEntity);

export const campaignMemberDef = defineEntity<z.infer<typeof CampaignMember>>(campaignMemberEntity, {
  decorate: (ctx, records) => {
    const clientName = ctx.db.prepare('SELECT name FROM client WHERE id = ?');
    return records.map((record) => {
      const row = clientName.get(record.clientId) as { name: string } | undefined;
      return { ...record, clientName: row?.name ?? '' };
    });
  },
});
