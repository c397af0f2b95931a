import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  paginateListUsers,
  paginateListUsersInGroup,
  UsernameExistsException,
  UserNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Account, Directory } from '../domain/accounts.ts';
import { GROUPS, type Group } from '../domain/principal.ts';
import { ConflictError } from '../errors.ts';

const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;
const isGroup = (name: string | undefined): name is Group =>
  (GROUPS as readonly (string | undefined)[]).includes(name);

/**
 * The directory deployed: the user pool, through Cognito's admin APIs (the
 * function's role may call these on this pool and nothing else). An account
 * is a user with `custom:unitId` in one of the platform's groups; the
 * invitation with the temporary password is Cognito's own email.
 */
export function cognitoDirectory(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): Directory {
  const directory: Directory = {
    /** A unit's accounts: the members of each group in that unit (custom attributes are not searchable). */
    async listAccounts(unitId) {
      const accounts: Account[] = [];
      for (const group of GROUPS) {
        const pages = paginateListUsersInGroup(
          { client },
          { UserPoolId: userPoolId, GroupName: group },
        );
        for await (const page of pages) {
          for (const user of page.Users ?? []) {
            if (attribute(user.Attributes, 'custom:unitId') !== unitId || !user.Username) continue;
            accounts.push({
              username: user.Username,
              name: attribute(user.Attributes, 'name') ?? '',
              group,
              unitId,
              enabled: user.Enabled ?? false,
            });
          }
        }
      }
      return accounts;
    },

    /** The account, if the user exists and is in exactly one of the platform's groups. */
    async getAccount(username) {
      let user;
      try {
        user = await client.send(
          new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
        );
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
      const { Groups = [] } = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
      );
      const [group] = Groups.map((candidate) => candidate.GroupName);
      const unitId = attribute(user.UserAttributes, 'custom:unitId');
      if (Groups.length !== 1 || !isGroup(group) || !unitId) return undefined;
      return {
        username,
        name: attribute(user.UserAttributes, 'name') ?? '',
        group,
        unitId,
        enabled: user.Enabled ?? false,
      };
    },

    async createAccount(account) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: account.username,
            UserAttributes: [
              { Name: 'name', Value: account.name },
              { Name: 'custom:unitId', Value: account.unitId },
              { Name: 'email', Value: account.email },
              { Name: 'email_verified', Value: 'true' },
              ...(account.phone ? [{ Name: 'phone_number', Value: account.phone }] : []),
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        if (error instanceof UsernameExistsException) {
          throw new ConflictError(`用户名“${account.username}”已被使用`, [], {
            cause: error,
          });
        }
        throw error;
      }
      // Were this to fail, the user would be in no group: the API refuses such a person (403) until fixed.
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: account.username,
          GroupName: account.group,
        }),
      );
    },

    async setEnabled(username, enabled) {
      if (enabled) {
        await client.send(
          new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }),
        );
        return;
      }
      await client.send(
        new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }),
      );
      // Revokes its refresh tokens: no new tokens; those issued lapse within 15 minutes.
      await client.send(
        new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }),
      );
    },

    /** Users whose `phone_number` is this number (a standard attribute ListUsers can filter by). */
    async accountsWithPhone(phone) {
      const accounts: Account[] = [];
      const pages = paginateListUsers(
        { client },
        { UserPoolId: userPoolId, Filter: `phone_number = "${phone}"` },
      );
      for await (const page of pages) {
        for (const user of page.Users ?? []) {
          const account = user.Username ? await directory.getAccount(user.Username) : undefined;
          if (account) accounts.push(account);
        }
      }
      return accounts;
    },

    /**
     * Cognito texts a sign-in code (choice-based sign-in, SMS_OTP) only to a
     * verified `phone_number`: the platform marks it verified exactly when
     * `signsInByPhone` allows, and the user cannot change it (infra/identity.ts).
     */
    async setPhoneSignIn(username, allowed) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: 'phone_number_verified', Value: String(allowed) }],
        }),
      );
    },
  };
  return directory;
}
