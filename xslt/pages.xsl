<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl - one template per page name, in two modes:
    mode="title"    the page title (for <title>), without the tenant name
    mode="content"  what goes inside <main> after the error summary
  A page unknown here falls back to the generic templates at the bottom:
  its title from "title.<name>" if a catalogue has it, and its form (if any).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- ================================================================
       home: welcome, links the later pages fill in, the tenant's notices
       Model:
         <content>
           <links><link key="menu.register" href="/register" kind="primary">
                    <note key="…"/></link>…</links>          (optional)
           <notices unavailable="1"(when the database is down)>
             <notice id="…" date="2025-04-01" href="/…"(optional)>
                      <title>…</title><body>…</body>(optional)
                    </notice>…</notices>
         </content>
       ================================================================ -->

  <xsl:template match="page[@name = 'home']" mode="content">
    <xsl:call-template name="home-intro"/>
    <xsl:apply-templates select="content/links[link]"/>
    <xsl:call-template name="home-notices"/>
  </xsl:template>

  <!-- Tenants override this to give their home page its own face. -->
  <xsl:template name="home-intro">
    <section class="home-intro">
      <h1><xsl:value-of select="$site-name"/></h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
      </p>
    </section>
  </xsl:template>

  <xsl:template match="content/links">
    <section class="home-links" aria-labelledby="home-links-title">
      <h2 id="home-links-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.links'"/></xsl:call-template>
      </h2>
      <ul class="link-cards">
        <xsl:for-each select="link">
          <li>
            <xsl:attribute name="class">
              <xsl:choose>
                <xsl:when test="@kind = 'primary' or @kind = 'secondary'">
                  <xsl:value-of select="concat('link-card link-', @kind)"/>
                </xsl:when>
                <xsl:otherwise>link-card</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:variable name="ok">
              <xsl:call-template name="href-ok"><xsl:with-param name="href" select="@href"/></xsl:call-template>
            </xsl:variable>
            <xsl:variable name="label">
              <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$ok = '1'">
                <a class="link-card-link" href="{@href}"><xsl:value-of select="$label"/></a>
              </xsl:when>
              <xsl:otherwise>
                <span class="link-card-link"><xsl:value-of select="$label"/></span>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:for-each select="note">
              <span class="link-note">
                <xsl:choose>
                  <xsl:when test="@key">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="home-notices">
    <section class="notices" aria-labelledby="notices-title">
      <h2 id="notices-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices'"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <!-- The database did not answer: the page still renders (src/core.c). -->
        <xsl:when test="/page/content/notices/@unavailable = '1'">
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices.unavailable'"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:when test="/page/content/notices/notice">
          <ul class="notice-list">
            <xsl:apply-templates select="/page/content/notices/notice"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices.none'"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="notice">
    <li class="notice">
      <xsl:if test="@date">
        <time class="notice-date" datetime="{@date}">
          <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
        </time>
      </xsl:if>
      <h3 class="notice-title">
        <xsl:variable name="ok">
          <xsl:call-template name="href-ok"><xsl:with-param name="href" select="@href"/></xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$ok = '1'">
            <a href="{@href}"><xsl:value-of select="title"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <!-- Plain text; line breaks are kept by CSS (white-space: pre-line). -->
      <xsl:if test="normalize-space(body) != ''">
        <p class="notice-body"><xsl:value-of select="body"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ================================================================
       error: <content><error-page code="404"/></content>
       ================================================================ -->

  <!-- Message key prefix for the code: "error.404", or "error.generic". -->
  <xsl:template name="error-prefix">
    <xsl:variable name="code" select="string(/page/content/error-page/@code)"/>
    <xsl:variable name="known">
      <xsl:call-template name="has-msg">
        <xsl:with-param name="k" select="concat('error.', $code, '.title')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($code) = 3
                      and translate($code, '0123456789', '') = ''
                      and $known = '1'">
        <xsl:value-of select="concat('error.', $code)"/>
      </xsl:when>
      <xsl:otherwise>error.generic</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'error']" mode="title">
    <xsl:variable name="p"><xsl:call-template name="error-prefix"/></xsl:variable>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'error']" mode="content">
    <xsl:variable name="p"><xsl:call-template name="error-prefix"/></xsl:variable>
    <xsl:variable name="code" select="string(content/error-page/@code)"/>
    <section class="error-page">
      <xsl:if test="string-length($code) = 3 and translate($code, '0123456789', '') = ''">
        <p class="error-code">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'error.code'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="$code"/>
        </p>
      </xsl:if>
      <h1>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.title')"/></xsl:call-template>
      </h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.text')"/></xsl:call-template>
      </p>
      <p class="error-actions">
        <a class="btn btn-primary" href="/">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'error.back-home'"/></xsl:call-template>
        </a>
      </p>
    </section>
  </xsl:template>

  <!-- ================================================================
       ops-home: central-IT console landing (src/ops.c)
       <content><tenants>
         <tenant slug="board">
           <name lang="ja">…</name><name lang="en">…</name>
           <host>board.localhost</host><host>board.shikaku.test</host>
           <features>recruit</features>
         </tenant>…
       </tenants></content>
       ================================================================ -->

  <xsl:template match="page[@name = 'ops-home']" mode="content">
    <h1>
      <xsl:apply-templates select="." mode="title"/>
    </h1>
    <section class="ops-section" aria-labelledby="ops-tenants-title">
      <h2 id="ops-tenants-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenants'"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="content/tenants/tenant">
          <!-- The wrapper scrolls sideways on a phone instead of the page. -->
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.slug'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.name'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.hosts'"/></xsl:call-template></th>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.features'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="content/tenants/tenant"/>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenants.none'"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="ops-section" aria-labelledby="ops-status-title">
      <h2 id="ops-status-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.status'"/></xsl:call-template></h2>
      <ul class="status-list">
        <xsl:for-each select="content/health/@*">
          <li class="status-{.}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('ops.dep.', name())"/></xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('ops.state.', .)"/></xsl:call-template>
          </li>
        </xsl:for-each>
        <li>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.outbox'"/></xsl:call-template>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'ops.outbox.counts'"/>
            <xsl:with-param name="arg" select="concat(number(concat('0', content/outbox/@queued)), ' / ', number(concat('0', content/outbox/@failed)), ' / ', number(concat('0', content/outbox/@sent)))"/>
          </xsl:call-template>
        </li>
      </ul>
      <div class="table-wrap">
        <table class="data">
          <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.workers'"/></xsl:call-template></caption>
          <thead><tr><th scope="col">PID</th><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.state'"/></xsl:call-template></th><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.requests'"/></xsl:call-template></th></tr></thead>
          <tbody>
            <xsl:for-each select="content/workers/worker">
              <tr><td><xsl:value-of select="@pid"/></td><td><xsl:value-of select="@state"/></td><td><xsl:value-of select="@requests"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <p><a href="/admin/audit"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-audit'"/></xsl:call-template></a></p>
    </section>
    <section class="ops-section" aria-labelledby="ops-monitoring-title">
      <h2 id="ops-monitoring-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.monitoring'"/></xsl:call-template>
      </h2>
      <ul class="link-cards">
        <li class="link-card">
          <a class="link-card-link" href="/healthz"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.healthz'"/></xsl:call-template></a>
          <span class="link-note"><code>/healthz</code></span>
        </li>
        <li class="link-card">
          <a class="link-card-link" href="/metrics"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.metrics'"/></xsl:call-template></a>
          <span class="link-note"><code>/metrics</code></span>
        </li>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="tenants/tenant">
    <tr>
      <th scope="row"><code><xsl:value-of select="@slug"/></code></th>
      <td>
        <xsl:choose>
          <xsl:when test="name[@lang = $lang]"><xsl:value-of select="name[@lang = $lang][1]"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="name[1]"/></xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <ul class="host-list">
          <xsl:for-each select="host">
            <li><code><xsl:value-of select="."/></code></li>
          </xsl:for-each>
        </ul>
      </td>
      <td>
        <ul class="host-list">
          <xsl:for-each select="str:tokenize(string(features), ' ')">
            <li><code><xsl:value-of select="."/></code></li>
          </xsl:for-each>
        </ul>
      </td>
    </tr>
  </xsl:template>

  <!-- ================================================================
       form-demo: the generic form on its own (golden tests, CORE-21)
       ================================================================ -->

  <xsl:template match="page[@name = 'form-demo']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- ================================================================
       account: the member's own account (src/account_pages.c, CORE-9,
       CORE-7, CORE-10, CORE-22)
       <content><account lang="ja" must-change="0">
         <totp enabled="1" required="0" recovery-left="8"/>
       </account></content>
       /page/form[@id='account-lang'], /page/form[@id='account-sessions']
       ================================================================ -->

  <xsl:template match="page[@name = 'account']" mode="content">
    <xsl:variable name="acc" select="content/account"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <section class="account-section" aria-labelledby="account-signin-title">
      <h2 id="account-signin-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.signin'"/></xsl:call-template>
      </h2>
      <div class="table-wrap">
        <table class="data stack account-status">
          <tbody>
            <tr>
              <th scope="row"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.password'"/></xsl:call-template></th>
              <td>
                <xsl:if test="$acc/@must-change = '1'">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'account.password.must-change'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                </xsl:if>
                <a href="/account/password">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'account.password.change'"/></xsl:call-template>
                </a>
              </td>
            </tr>
            <tr>
              <th scope="row"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp'"/></xsl:call-template></th>
              <td>
                <xsl:choose>
                  <xsl:when test="$acc/totp/@enabled = '1'">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.on'"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.off'"/></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:if test="$acc/totp/@required = '1'">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.required'"/></xsl:call-template>
                </xsl:if>
                <xsl:text> </xsl:text>
                <a href="/account/totp">
                  <xsl:call-template name="t">
                    <xsl:with-param name="k">
                      <xsl:choose>
                        <xsl:when test="$acc/totp/@enabled = '1'">account.totp.manage</xsl:when>
                        <xsl:otherwise>account.totp.setup</xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                  </xsl:call-template>
                </a>
              </td>
            </tr>
            <xsl:if test="$acc/totp/@enabled = '1' and $acc/totp/@recovery-left">
              <tr>
                <th scope="row"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery'"/></xsl:call-template></th>
                <td>
                  <xsl:call-template name="t">
                    <xsl:with-param name="k" select="'account.recovery.left'"/>
                    <xsl:with-param name="arg" select="$acc/totp/@recovery-left"/>
                  </xsl:call-template>
                </td>
              </tr>
            </xsl:if>
          </tbody>
        </table>
      </div>
    </section>
    <section class="account-section" aria-labelledby="account-sessions-title">
      <h2 id="account-sessions-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.sessions'"/></xsl:call-template>
      </h2>
      <p>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.sessions.text'"/></xsl:call-template>
      </p>
      <xsl:apply-templates select="form[@id = 'account-sessions']"/>
    </section>
    <section class="account-section" aria-labelledby="account-lang-title">
      <h2 id="account-lang-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.lang'"/></xsl:call-template>
      </h2>
      <xsl:apply-templates select="form[@id = 'account-lang']"/>
    </section>
  </xsl:template>

  <!-- ================================================================
       account-password (CORE-9)
       <content><password must-change="1" min="10"/></content>
       /page/form[@id='account-password']
       ================================================================ -->

  <xsl:template match="page[@name = 'account-password']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="content/password/@must-change = '1'">
      <p class="flash flash-warning">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.password.forced'"/></xsl:call-template>
      </p>
    </xsl:if>
    <p class="lead">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.password.intro'"/></xsl:call-template>
    </p>
    <xsl:apply-templates select="form[@id = 'account-password']"/>
    <xsl:if test="content/password/@must-change != '1'">
      <p class="form-links">
        <a href="/account"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.back'"/></xsl:call-template></a>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       account-totp (CORE-7)
       Pending enrolment (the secret is shown only now):
         <content><totp state="pending" required="1">
           <qr src="/account/totp/qr.svg"/><secret>ABCD EFGH …</secret>
           <uri>otpauth://totp/…</uri></totp></content>
         /page/form[@id='account-totp']
       Enabled:
         <content><totp state="enabled" required="0" recovery-left="9"/></content>
         /page/form[@id='account-recovery'],
         /page/form[@id='account-totp-disable'] (absent when required)
       ================================================================ -->

  <xsl:template match="page[@name = 'account-totp']" mode="content">
    <xsl:variable name="t" select="content/totp"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="$t/@required = '1'">
      <p class="flash flash-warning">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.required-text'"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$t/@state = 'enabled'">
        <p class="lead">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.enabled-text'"/></xsl:call-template>
          <xsl:if test="$t/@recovery-left">
            <xsl:text> </xsl:text>
            <xsl:call-template name="t">
              <xsl:with-param name="k" select="'account.recovery.left'"/>
              <xsl:with-param name="arg" select="$t/@recovery-left"/>
            </xsl:call-template>
          </xsl:if>
        </p>
        <section class="account-section" aria-labelledby="account-recovery-title">
          <h2 id="account-recovery-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.renew'"/></xsl:call-template>
          </h2>
          <p>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.renew-text'"/></xsl:call-template>
          </p>
          <xsl:apply-templates select="form[@id = 'account-recovery']"/>
        </section>
        <section class="account-section" aria-labelledby="account-totp-off-title">
          <h2 id="account-totp-off-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.disable'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="form[@id = 'account-totp-disable']">
              <p>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.disable-text'"/></xsl:call-template>
              </p>
              <xsl:apply-templates select="form[@id = 'account-totp-disable']"/>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.cannot-disable'"/></xsl:call-template>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <ol class="totp-steps">
          <li>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.step1'"/></xsl:call-template>
          </li>
          <li>
            <p>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.step2'"/></xsl:call-template>
            </p>
            <p class="totp-qr">
              <img src="{$t/qr/@src}" width="240" height="240">
                <xsl:attribute name="alt">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.qr-alt'"/></xsl:call-template>
                </xsl:attribute>
              </img>
            </p>
            <p>
              <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.manual'"/></xsl:call-template>
              <br/>
              <code class="totp-secret"><xsl:value-of select="$t/secret"/></code>
            </p>
            <xsl:if test="starts-with($t/uri, 'otpauth://')">
              <p>
                <a href="{$t/uri}">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.open-app'"/></xsl:call-template>
                </a>
              </p>
            </xsl:if>
          </li>
          <li>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.step3'"/></xsl:call-template>
          </li>
        </ol>
        <xsl:apply-templates select="form[@id = 'account-totp']"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not($t/@required = '1' and $t/@state != 'enabled')">
      <p class="form-links">
        <a href="/account"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.back'"/></xsl:call-template></a>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       account-totp-done, account-recovery-done: recovery codes, shown
       once, in the response that made them.
       <content><recovery-codes next="/…"(optional)>
         <code>abcd-efgh</code>…</recovery-codes></content>
       ================================================================ -->

  <xsl:template match="page[@name = 'account-totp-done' or @name = 'account-recovery-done']" mode="content">
    <xsl:variable name="rc" select="content/recovery-codes"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="flash flash-warning" role="status">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.once'"/></xsl:call-template>
    </p>
    <p>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.use'"/></xsl:call-template>
    </p>
    <ol class="recovery-codes">
      <xsl:for-each select="$rc/code">
        <li><code><xsl:value-of select="."/></code></li>
      </xsl:for-each>
    </ol>
    <p class="form-actions">
      <xsl:choose>
        <xsl:when test="starts-with($rc/@next, '/') and not(starts-with($rc/@next, '//'))">
          <a class="btn btn-primary" href="{$rc/@next}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.continue'"/></xsl:call-template>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <a class="btn btn-primary" href="/account">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery.continue'"/></xsl:call-template>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- ================================================================
       Generic fallbacks
       ================================================================ -->

  <!--
    Title: @title-key if the model gives one, else "title.<name>" when a
    catalogue has it, else nothing (the <title> is then the tenant name).
  -->
  <xsl:template match="page" mode="title">
    <xsl:variable name="k" select="concat('title.', @name)"/>
    <xsl:variable name="known">
      <xsl:call-template name="has-msg"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@title-key">
        <xsl:call-template name="t"><xsl:with-param name="k" select="@title-key"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$known = '1'">
        <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--
    Content of a page without its own template: its title as heading and
    the generic form if the model has one; nothing else page-specific.
  -->
  <xsl:template match="page" mode="content">
    <xsl:variable name="title"><xsl:apply-templates select="." mode="title"/></xsl:variable>
    <xsl:if test="normalize-space($title) != ''">
      <h1><xsl:value-of select="$title"/></h1>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

</xsl:stylesheet>
