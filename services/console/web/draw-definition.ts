// The Draws page's form as a draw-defined body; the server validates it with the schema
// `prizedraw draws define` uses. Pure: `field` gives a field's text as typed.

export function definitionOf(field: (name: string) => string) {
  const text = (name: string) => field(name).trim();
  const [prizeId, ...name] = text('defaultPrize')
    .split(',')
    .map((part) => part.trim());
  return {
    drawId: text('drawId'),
    promoCode: text('promoCode'),
    opensAt: text('opensAt'),
    closesAt: text('closesAt'),
    timezone: text('timezone'),
    administrator: text('administrator'),
    ...(text('stakePerTicketMinor') ? { stakePerTicketMinor: Number(text('stakePerTicketMinor')) } : {}),
    milestones: text('milestones')
      ? text('milestones')
          .split(',')
          .map((m) => Number(m.trim()))
      : [],
    prizes: text('prizes')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const [id, prizeName, quantity] = line.split(',').map((part) => part.trim());
        return { prizeId: id, name: prizeName, quantity: Number(quantity) };
      }),
    defaultPrize: prizeId ? { prizeId, name: name.join(',') } : null,
  };
}
