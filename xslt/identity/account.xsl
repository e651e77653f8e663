<?xml version="1.0" encoding="UTF-8"?>
<!--
  account.xsl - the member's own account pages (CORE-7, CORE-8, CORE-9,
  CORE-11; src/account_pages.c): アカウント管理, password change, TOTP
  enrolment, recovery codes.  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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
                <!-- Each key by select=, so each call is one sk:tf() (render.c t_inline()). -->
                <a href="/account/totp">
                  <xsl:choose>
                    <xsl:when test="$acc/totp/@enabled = '1'">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.manage'"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.totp.setup'"/></xsl:call-template>
                    </xsl:otherwise>
                  </xsl:choose>
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

</xsl:stylesheet>
