import { beforeEach, describe, expect, it } from 'vitest';
import { jsonService } from '../../../shared/aws/awsCall.ts';
import { cognitoDirectory } from '../../../shared/aws/cognitoDirectory.ts';
import { ConflictError } from '../../../shared/errors.ts';
import { awsError, jsonEndpoint, type Answer, type Request } from '../../support/awsEndpoint.ts';

/** Cognito on localhost: answers each operation as `answers` says, `{}` by default. */
let answers: Record<string, (request: Request) => Answer> = {};
const cognito = await jsonEndpoint(
  (request) => answers[request.operation]?.(request) ?? { status: 200, body: {} },
);
const directory = cognitoDirectory(
  jsonService({
    name: 'cognito-idp',
    target: 'AWSCognitoIdentityProviderService',
    jsonVersion: '1.1',
    region: 'cn-north-1',
    endpoint: cognito.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  'pool-1',
);
const inputs = (operation: string) =>
  cognito.requests
    .filter((request) => request.operation === operation)
    .map((request) => request.input);
const ok = (body: unknown): Answer => ({ status: 200, body });

beforeEach(() => {
  cognito.requests.length = 0;
  answers = {};
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
    expect(inputs('AdminCreateUser')).toEqual([
      {
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
      },
    ]);
    expect(inputs('AdminAddUserToGroup')).toEqual([
      { UserPoolId: 'pool-1', Username: 'zl-admin', GroupName: 'unit-admin' },
    ]);
  });

  it('answers a taken username with a conflict, and adds nobody to a group', async () => {
    answers['AdminCreateUser'] = () => awsError('UsernameExistsException', 'exists');
    await expect(
      directory.createAccount({
        username: 'taken',
        name: 'x',
        group: 'unit-staff',
        unitId: 'health',
        email: 'x@example.gov.cn',
      }),
    ).rejects.toThrow(ConflictError);
    expect(inputs('AdminAddUserToGroup')).toEqual([]);
  });

  it('disables a user and signs it out everywhere (its refresh tokens are revoked); enables it again', async () => {
    await directory.setEnabled('zl-staff', false);
    expect(inputs('AdminDisableUser')).toEqual([{ UserPoolId: 'pool-1', Username: 'zl-staff' }]);
    expect(inputs('AdminUserGlobalSignOut')).toEqual([
      { UserPoolId: 'pool-1', Username: 'zl-staff' },
    ]);
    await directory.setEnabled('zl-staff', true);
    expect(inputs('AdminEnableUser')).toEqual([{ UserPoolId: 'pool-1', Username: 'zl-staff' }]);
  });

  it('reads one account with its group, and nothing for a user in no group or unknown', async () => {
    answers['AdminGetUser'] = ({ input }) =>
      input['Username'] === 'zl-staff'
        ? ok({
            Username: 'zl-staff',
            Enabled: true,
            UserAttributes: [
              { Name: 'name', Value: '值班员' },
              { Name: 'custom:unitId', Value: 'zhaoling-town' },
            ],
          })
        : awsError('UserNotFoundException', 'User does not exist.');
    answers['AdminListGroupsForUser'] = () => ok({ Groups: [{ GroupName: 'unit-staff' }] });
    expect(await directory.getAccount('zl-staff')).toEqual({
      username: 'zl-staff',
      name: '值班员',
      group: 'unit-staff',
      unitId: 'zhaoling-town',
      enabled: true,
    });
    answers['AdminListGroupsForUser'] = () => ok({ Groups: [] });
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
    answers['ListUsersInGroup'] = ({ input }) =>
      input['GroupName'] === 'unit-staff'
        ? input['NextToken'] === 'page-2'
          ? ok({ Users: [user('c', 'health')] })
          : ok({ Users: [user('a', 'health'), user('b', 'education')], NextToken: 'page-2' })
        : ok({ Users: input['GroupName'] === 'unit-head' ? [user('d', 'health')] : [] });
    const accounts = await directory.listAccounts('health');
    expect(accounts.map((account) => [account.username, account.group])).toEqual([
      ['a', 'unit-staff'],
      ['c', 'unit-staff'],
      ['d', 'unit-head'],
    ]);
    expect(
      inputs('ListUsersInGroup').map((input) => [input['GroupName'], input['NextToken']]),
    ).toEqual([
      ['district-admin', undefined],
      ['district-office', undefined],
      ['unit-admin', undefined],
      ['unit-staff', undefined],
      ['unit-staff', 'page-2'],
      ['unit-head', undefined],
    ]);
  });
});
