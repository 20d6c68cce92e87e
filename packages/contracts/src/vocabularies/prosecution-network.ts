/**
 * The network behind a case: the kinds of entity a suspect is linked to and the kinds of link (decision 0016). The
 * FollowTheMoney schema each is exported as lives with the export (server modules/prosecution/network.ftm.ts).
 */
export const networkEntityKinds = ['company', 'vehicle', 'phone_number', 'address', 'bank_account'] as const;
export type NetworkEntityKind = (typeof networkEntityKinds)[number];

export const networkLinkKinds = ['works_with', 'recruited_by', 'owns', 'uses', 'lives_at', 'pays_into', 'controls', 'related_to'] as const;
export type NetworkLinkKind = (typeof networkLinkKinds)[number];

/** What a network node is: a suspect of the prosecution records or one of the entities. */
export const networkNodeKinds = ['suspect', ...networkEntityKinds] as const;
export type NetworkNodeKind = (typeof networkNodeKinds)[number];
