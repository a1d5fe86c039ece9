// The message kind of a text staff write themselves from the console's inbox (no template: its
// body is in the payload). A service message: an answer in a conversation the customer keeps.
export const STAFF_TEXT = 'STAFF_TEXT';
