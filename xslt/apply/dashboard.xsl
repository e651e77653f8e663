<?xml version="1.0" encoding="UTF-8"?>
<!--
  apply/dashboard.xsl — 現在の状況 (/dashboard), the platform page of
  every tenant (issue 9 item 8, src/apply/dashboard.c): the member's
  applications of every feature with state, next step and deadline,
  each feature's own part (mode "dashboard-part", in the feature's
  stylesheet: recruit.xsl draws recruitment's) after the next steps of
  them all (mode "dashboard-next"), and, when there is nothing under
  way, a plain sentence and what the member can do.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@name = 'dashboard']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="content/@empty = '1'">
      <div class="flash flash-info" role="status">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.empty'"/></xsl:call-template></p>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.empty.next'"/></xsl:call-template></p>
      </div>
    </xsl:if>
    <!-- What the member must do next leads the page (BRD-10, CORE-21):
         each part's next steps first (mode dashboard-next), then the
         parts themselves. -->
    <xsl:apply-templates select="content/*" mode="dashboard-next"/>
    <xsl:apply-templates select="content/*" mode="dashboard-part"/>
    <section aria-labelledby="dash-account-title">
      <h2 id="dash-account-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.account'"/></xsl:call-template></h2>
      <ul class="link-cards">
        <li class="link-card">
          <a class="link-card-link" href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.member-link'"/></xsl:call-template></a>
          <p class="link-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.member-link.note'"/></xsl:call-template></p>
        </li>
        <li class="link-card">
          <a class="link-card-link" href="/account"><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.account-link'"/></xsl:call-template></a>
        </li>
        <li class="link-card">
          <form class="menu-form" method="post" action="/logout">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.logout'"/></xsl:call-template></button>
          </form>
        </li>
      </ul>
    </section>
  </xsl:template>

  <!-- A part this stylesheet does not know draws nothing. -->
  <xsl:template match="*" mode="dashboard-part"/>
  <xsl:template match="*" mode="dashboard-next"/>

  <!-- The platform's applications (apply.c): one card per offering. -->
  <xsl:template match="applications" mode="dashboard-part">
    <xsl:if test="offering">
      <section aria-labelledby="dash-apps-title">
        <h2 id="dash-apps-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.applications'"/></xsl:call-template></h2>
        <ul class="notice-list">
          <xsl:for-each select="offering">
            <li class="notice dash-offering">
              <p class="notice-title">
                <a href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></a>
              </p>
              <dl class="reg-dl">
                <xsl:if test="app">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.state'"/></xsl:call-template></dt>
                  <dd>
                    <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', app/@state)"/></xsl:call-template></strong>
                    <xsl:if test="app/@stage-title">
                      <xsl:text>（</xsl:text>
                      <xsl:call-template name="t"><xsl:with-param name="k" select="app/@stage-title"/></xsl:call-template>
                      <xsl:text>）</xsl:text>
                    </xsl:if>
                    <xsl:if test="app/@number">
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="t">
                        <xsl:with-param name="k" select="'dash.number'"/>
                        <xsl:with-param name="arg" select="string(app/@number)"/>
                      </xsl:call-template>
                    </xsl:if>
                  </dd>
                  <xsl:apply-templates select="app/fees" mode="apply-fees"/>
                </xsl:if>
                <!-- Without an application, a next step only where the
                     offering is open to this member (apply.c's menu
                     state); else the feature's reason below. -->
                <xsl:if test="app/@next or (@next and @note = 'apply.menu.window')">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.next'"/></xsl:call-template></dt>
                  <dd>
                    <a href="{@href}">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="string(app/@next | @next)"/></xsl:call-template>
                    </a>
                  </dd>
                </xsl:if>
                <xsl:if test="window/@text">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.window'"/></xsl:call-template></dt>
                  <dd>
                    <xsl:value-of select="window/@text"/>
                    <xsl:if test="window/@state = 'open' and window/@close-at">
                      <xsl:text>　</xsl:text>
                      <strong><xsl:call-template name="t">
                        <xsl:with-param name="k" select="'dash.deadline'"/>
                        <xsl:with-param name="arg"><xsl:call-template name="date"><xsl:with-param name="d" select="substring(window/@close-at, 1, 10)"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template></strong>
                    </xsl:if>
                  </dd>
                </xsl:if>
                <xsl:if test="@note and not(app) and @note != 'apply.menu.window'">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'dash.note'"/></xsl:call-template></dt>
                  <dd><xsl:call-template name="t"><xsl:with-param name="k" select="@note"/></xsl:call-template></dd>
                </xsl:if>
              </dl>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
