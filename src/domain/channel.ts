// How a customer message reaches its reader.
export const CHANNELS = ['email', 'postcard', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
