// The roles a user may hold at a location, in the order the menus list them: the server's own list.
export { ROLES, type Role } from '../../../../../src/domain/role.ts';
