import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoDirectory } from '../../../shared/aws/cognitoDirectory.ts';
import { ConflictError } from '../../../shared/errors.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const directory = cognitoDirectory(
  new CognitoIdentityProviderClient({ region: 'cn-north-1' }),
  'pool-1',
);
const metadata = { $metadata: {} };

beforeEach(() => {
  cognito.reset();
});

describe('the Cognito directory', () => {
  it('creates a user with its unit and name, invited by email, then puts it in its one group', async () => {
    await directory.createAccount({
      username: 'zl-admin',
      name: '赵陵铺镇管理员',
      group: 'unit-admin',
      unitId: 'zhaoling-town',
      email: 'zl-admin@example.gov.cn',
      phone: '+8613800000001',
    });
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: 'pool-1',
      Username: 'zl-admin',
      UserAttributes: [
        { Name: 'name', Value: '赵陵铺镇管理员' },
        { Name: 'custom:unitId', Value: 'zhaoling-town' },
        { Name: 'email', Value: 'zl-admin@example.gov.cn' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'phone_number', Value: '+8613800000001' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, {
      UserPoolId: 'pool-1',
      Username: 'zl-admin',
      GroupName: 'unit-admin',
    });
  });

  it('answers a taken username with a conflict, and adds nobody to a group', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', ...metadata }));
    await expect(
      directory.createAccount({
        username: 'taken',
        name: 'x',
        group: 'unit-staff',
        unitId: 'health',
        email: 'x@example.gov.cn',
      }),
    ).rejects.toThrow(ConflictError);
    expect(cognito).not.toHaveReceivedCommand(AdminAddUserToGroupCommand);
  });

  it('disables a user and signs it out everywhere (its refresh tokens are revoked); enables it again', async () => {
    await directory.setEnabled('zl-staff', false);
    expect(cognito).toHaveReceivedCommandWith(AdminDisableUserCommand, {
      UserPoolId: 'pool-1',
      Username: 'zl-staff',
    });
    expect(cognito).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, {
      UserPoolId: 'pool-1',
      Username: 'zl-staff',
    });
    await directory.setEnabled('zl-staff', true);
    expect(cognito).toHaveReceivedCommandWith(AdminEnableUserCommand, {
      UserPoolId: 'pool-1',
      Username: 'zl-staff',
    });
  });

  it('reads one account with its group, and nothing for a user in no group or unknown', async () => {
    cognito
      .on(AdminGetUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', ...metadata }))
      .on(AdminGetUserCommand, { Username: 'zl-staff' })
      .resolves({
        Username: 'zl-staff',
        Enabled: true,
        UserAttributes: [
          { Name: 'name', Value: '值班员' },
          { Name: 'custom:unitId', Value: 'zhaoling-town' },
        ],
      })
      .on(AdminListGroupsForUserCommand)
      .resolvesOnce({ Groups: [{ GroupName: 'unit-staff' }] })
      .resolves({ Groups: [] });
    expect(await directory.getAccount('zl-staff')).toEqual({
      username: 'zl-staff',
      name: '值班员',
      group: 'unit-staff',
      unitId: 'zhaoling-town',
      enabled: true,
    });
    expect(await directory.getAccount('zl-staff')).toBeUndefined();
    expect(await directory.getAccount('nobody')).toBeUndefined();
  });

  it('lists a unit’s accounts from each group’s members, every page, and only that unit’s', async () => {
    const user = (username: string, unitId: string) => ({
      Username: username,
      Enabled: true,
      Attributes: [
        { Name: 'name', Value: username },
        { Name: 'custom:unitId', Value: unitId },
      ],
    });
    // Recorded as each call is made: the SDK's paginator reuses one input for every page.
    const asked: [string | undefined, string | undefined][] = [];
    cognito.on(ListUsersInGroupCommand).callsFake((input: ListUsersInGroupCommand['input']) => {
      asked.push([input.GroupName, input.NextToken]);
      if (input.GroupName === 'unit-head') return { Users: [user('d', 'health')] };
      if (input.GroupName !== 'unit-staff') return { Users: [] };
      return input.NextToken === 'page-2'
        ? { Users: [user('c', 'health')] }
        : { Users: [user('a', 'health'), user('b', 'education')], NextToken: 'page-2' };
    });
    const accounts = await directory.listAccounts('health');
    expect(accounts.map((account) => [account.username, account.group])).toEqual([
      ['a', 'unit-staff'],
      ['c', 'unit-staff'],
      ['d', 'unit-head'],
    ]);
    expect(asked).toEqual([
      ['district-admin', undefined],
      ['district-office', undefined],
      ['unit-admin', undefined],
      ['unit-staff', undefined],
      ['unit-staff', 'page-2'],
      ['unit-head', undefined],
    ]);
  });

  it('finds the accounts with a number by ListUsers’ phone_number filter, and sets whether it signs them in', async () => {
    cognito.on(ListUsersCommand).resolves({ ...metadata, Users: [{ Username: 'zl-duty' }] });
    cognito.on(AdminGetUserCommand).resolves({
      ...metadata,
      Username: 'zl-duty',
      Enabled: true,
      UserAttributes: [
        { Name: 'name', Value: '值班员' },
        { Name: 'custom:unitId', Value: 'zhaoling-town' },
      ],
    });
    cognito
      .on(AdminListGroupsForUserCommand)
      .resolves({ ...metadata, Groups: [{ GroupName: 'unit-staff' }] });
    expect(await directory.accountsWithPhone('+8613800000001')).toEqual([
      {
        username: 'zl-duty',
        name: '值班员',
        group: 'unit-staff',
        unitId: 'zhaoling-town',
        enabled: true,
      },
    ]);
    expect(cognito).toHaveReceivedCommandWith(ListUsersCommand, {
      UserPoolId: 'pool-1',
      Filter: 'phone_number = "+8613800000001"',
    });

    // Cognito texts a sign-in code only to a verified phone_number: that is the switch.
    await directory.setPhoneSignIn('zl-duty', true);
    await directory.setPhoneSignIn('zl-duty', false);
    expect(
      cognito.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        UserPoolId: 'pool-1',
        Username: 'zl-duty',
        UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }],
      },
      {
        UserPoolId: 'pool-1',
        Username: 'zl-duty',
        UserAttributes: [{ Name: 'phone_number_verified', Value: 'false' }],
      },
    ]);
  });
});
