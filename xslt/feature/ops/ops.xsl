<?xml version="1.0" encoding="UTF-8"?>
<!--
  ops.xsl - the central-IT console's pages (OPS-1, src/ops.c): the
  landing with health, workers, outbox and tenants.  Included by
  xslt/shikaku.xsl; rendered on the ops host only.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

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
                  <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.members'"/></xsl:call-template></th>
                  <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.applications'"/></xsl:call-template></th>
                  <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.mail-queued'"/></xsl:call-template></th>
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
      <th scope="row">
        <code><xsl:value-of select="@slug"/></code>
        <xsl:if test="@disabled">
          <xsl:text> </xsl:text>
          <span class="badge tenant-disabled"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.disabled'"/></xsl:call-template></span>
        </xsl:if>
      </th>
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
      <td class="num tenant-members"><xsl:value-of select="@members"/></td>
      <td class="num tenant-applications"><xsl:value-of select="@applications"/></td>
      <td class="num tenant-mail-queued"><xsl:value-of select="@mail-queued"/></td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
