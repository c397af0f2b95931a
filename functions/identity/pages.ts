/**
 * The platform's own sign-in pages, in the place of Cognito's managed login
 * (locally, and deployed where there is no Cognito): the names UI.md gives
 * (用户名, 密码, 登录), simplified Chinese, usable with a keyboard and a
 * screen reader. `path` is the interaction's own (`…/interaction/<uid>`).
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} - 新华区政务网</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f0f2f5; color: #1f1f1f; }
  header { background: #b71c1c; color: #fff; padding: 14px 24px; font-size: 18px; font-weight: 600; }
  main { max-width: 380px; margin: 48px auto; background: #fff; border-radius: 8px; padding: 32px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 22px; margin: 0 0 24px; }
  label { display: block; margin: 16px 0 6px; font-weight: 500; }
  input { box-sizing: border-box; width: 100%; padding: 10px 12px; font-size: 16px; border: 1px solid #8c8c8c; border-radius: 6px; }
  input:focus, button:focus { outline: 3px solid #1677ff; outline-offset: 1px; }
  button { margin-top: 24px; width: 100%; padding: 11px; font-size: 16px; color: #fff; background: #1554ad; border: 0; border-radius: 6px; cursor: pointer; }
  .alert { margin: 0 0 16px; padding: 10px 12px; background: #fff1f0; border: 1px solid #ffa39e; border-radius: 6px; color: #a8071a; }
  .hint { color: #595959; font-size: 14px; }
  .notice { margin: 0 0 16px; padding: 10px 12px; background: #f6ffed; border: 1px solid #b7eb8f; border-radius: 6px; }
  button.secondary { margin-top: 12px; color: #1554ad; background: #fff; border: 1px solid #1554ad; }
  .switch { margin: 20px 0 0; text-align: center; }
  a { color: #1554ad; }
</style>
</head>
<body>
<header>新华区政务网</header>
<main>
${body}
</main>
</body>
</html>`;

export const loginPage = (path: string, error?: string, username = '') =>
  page(
    '登录',
    `<h1>登录</h1>
${error ? `<p class="alert" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(path)}/login">
  <label for="username">用户名</label>
  <input id="username" name="username" autocomplete="username" autocapitalize="off" required value="${escape(username)}"${username ? '' : ' autofocus'}>
  <label for="password">密码</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>
  <button type="submit">登录</button>
</form>
<p class="switch"><a href="${escape(path)}/phone">手机号登录</a></p>`,
  );

/**
 * Art14: a unit's registered mobile number signs its holder in with a code
 * texted to it. One form: 获取验证码 texts a code, 登录 sends it back.
 */
export const phonePage = (
  path: string,
  state: { phone?: string; notice?: string; error?: string } = {},
) =>
  page(
    '手机号登录',
    `<h1>手机号登录</h1>
${state.error ? `<p class="alert" role="alert">${escape(state.error)}</p>` : ''}
${state.notice ? `<p class="notice" role="status">${escape(state.notice)}</p>` : ''}
<form method="post" action="${escape(path)}/phone-login">
  <label for="phone">手机号</label>
  <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required value="${escape(state.phone ?? '')}"${state.phone ? '' : ' autofocus'}>
  <button type="submit" class="secondary" formaction="${escape(path)}/phone-code" formnovalidate>获取验证码</button>
  <label for="code">验证码</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required${state.phone ? ' autofocus' : ''}>
  <p class="hint">本单位登记并验证过的手机号才能用验证码登录。</p>
  <button type="submit">登录</button>
</form>
<p class="switch"><a href="${escape(path)}">用户名密码登录</a></p>`,
  );

export const passwordPage = (path: string, problems: string[]) =>
  page(
    '设置新密码',
    `<h1>设置新密码</h1>
<p class="hint">首次登录须设置新密码：至少12位，含大写字母、小写字母、数字和符号。</p>
${problems.length > 0 ? `<p class="alert" role="alert">新密码不符合要求：${problems.map(escape).join('、')}</p>` : ''}
<form method="post" action="${escape(path)}/password">
  <label for="password">新密码</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required autofocus>
  <label for="confirm">确认新密码</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
  <button type="submit">设置新密码</button>
</form>`,
  );

/** oidc-provider's logout confirmation form, in our words. */
export const logoutPage = (form: string) =>
  page(
    '退出登录',
    `<h1>退出登录</h1>
<p>确定退出新华区政务网吗？</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">退出登录</button>`,
  );

export const messagePage = (title: string, text: string) =>
  page(title, `<h1>${escape(title)}</h1>\n<p>${escape(text)}</p>`);
