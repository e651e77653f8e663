<?xml version="1.0" encoding="UTF-8"?>
<!--
  admin.xsl - the tenant admin's console (ADM-1, src/admin.c): the
  landing, unlocking accounts, the audit trail and the mail outbox.
  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The tenant admin's console (ADM-1). -->
  <xsl:template match="page[@name = 'admin']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <ul class="link-cards">
      <li class="link-card"><a class="link-card-link" href="/admin/unlock"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-unlock'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/audit"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-audit'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/outbox"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-outbox'"/></xsl:call-template></a></li>
    </ul>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-unlock']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'unlock.intro'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-audit']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
            <xsl:if test="site/@slug = 'ops'">
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.tenant'"/></xsl:call-template></th>
            </xsl:if>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.actor'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.object'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.ip'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="content/audit/entry">
            <tr>
              <td><xsl:value-of select="@at"/></td>
              <xsl:if test="/page/site/@slug = 'ops'"><td><code><xsl:value-of select="@tenant"/></code></td></xsl:if>
              <td><code><xsl:value-of select="@actor"/></code></td>
              <td><code><xsl:value-of select="@action"/></code></td>
              <td><xsl:value-of select="@object"/></td>
              <td><xsl:value-of select="@ip"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>


  <!-- CORE-14: the tenant's mail, with a resend button per message. -->
  <xsl:template match="page[@name = 'admin-outbox']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.rcpt'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.subject'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.state'"/></xsl:call-template></th>
            <th scope="col"><span class="visually-hidden"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.resend-mail'"/></xsl:call-template></span></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="content/outbox/mail">
            <tr>
              <td><xsl:value-of select="@created"/></td>
              <td><xsl:value-of select="@rcpt"/></td>
              <td><xsl:value-of select="subject"/></td>
              <td>
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('outbox.state.', @state)"/></xsl:call-template>
                <xsl:if test="@sent != ''"><xsl:text> </xsl:text><xsl:value-of select="@sent"/></xsl:if>
              </td>
              <td>
                <form method="post" action="/admin/outbox" class="inline-form">
                  <input type="hidden" name="csrf" value="{../@csrf}"/>
                  <input type="hidden" name="id" value="{@id}"/>
                  <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.resend-mail'"/></xsl:call-template></button>
                </form>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

</xsl:stylesheet>
