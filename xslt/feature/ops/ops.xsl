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
    <xsl:apply-templates select="content/refused"/>
    <xsl:apply-templates select="content/outcome"/>
    <section class="ops-section" aria-labelledby="ops-tenants-title">
      <h2 id="ops-tenants-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenants'"/></xsl:call-template>
      </h2>
      <p><a class="btn btn-primary" href="/tenants/new" id="tenant-new"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.ops-tenant-new'"/></xsl:call-template></a></p>
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
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.actions'"/></xsl:call-template></th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="content/tenants/tenant"/>
              </tbody>
            </table>
          </div>
          <xsl:call-template name="ops-tenant-set"/>
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
    <section class="ops-section" aria-labelledby="ops-config-title" id="ops-config">
      <h2 id="ops-config-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.config'"/></xsl:call-template></h2>
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.config.note'"/></xsl:call-template></p>
      <ul class="status-list config-check">
        <xsl:for-each select="content/config-check/check">
          <li class="status-{@level}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('ops.check.', @level)"/></xsl:call-template>
            <xsl:text>: </xsl:text>
            <code><xsl:value-of select="."/></code>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <section class="ops-section" aria-labelledby="ops-migrations-title" id="ops-migrations">
      <h2 id="ops-migrations-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.migrations'"/></xsl:call-template></h2>
      <xsl:variable name="mg" select="content/migrations"/>
      <p>
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'ops.migrations.counts'"/>
          <xsl:with-param name="arg" select="concat(number(concat('0', $mg/@applied)), ' / ', number(concat('0', $mg/@shipped)), ' / ', number(concat('0', $mg/@pending)), ' / ', number(concat('0', $mg/@changed)))"/>
        </xsl:call-template>
        <xsl:text> (</xsl:text><code><xsl:value-of select="$mg/@sqldir"/></code><xsl:text>)</xsl:text>
      </p>
      <xsl:if test="$mg/@unavailable">
        <p class="status-down"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.migrations.unavailable'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:if test="$mg/@unreadable">
        <p class="status-down"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.migrations.unreadable'"/></xsl:call-template></p>
      </xsl:if>
      <div class="table-wrap">
        <table class="data migrations">
          <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.migrations'"/></xsl:call-template></caption>
          <thead><tr><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.migration'"/></xsl:call-template></th><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.state'"/></xsl:call-template></th><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.col.applied'"/></xsl:call-template></th><th scope="col">SHA-256</th></tr></thead>
          <tbody>
            <xsl:for-each select="$mg/migration">
              <tr class="migration-{@state}">
                <td><code><xsl:value-of select="@name"/></code></td>
                <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('ops.migration.', @state)"/></xsl:call-template></td>
                <td><xsl:value-of select="@applied"/></td>
                <td><code class="sha256"><xsl:value-of select="@sha256"/></code>
                  <xsl:if test="@shipped-sha256">
                    <br/><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.migration.shipped-sum'"/></xsl:call-template>
                    <xsl:text> </xsl:text><code class="sha256"><xsl:value-of select="@shipped-sha256"/></code>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
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
      <td>
        <!-- OPS-1: one button, the state's opposite; CSRF like every POST -->
        <form method="post" action="/tenants/change" class="inline-form">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <input type="hidden" name="slug" value="{@slug}"/>
          <xsl:choose>
            <xsl:when test="@disabled">
              <button type="submit" name="op" value="enable" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.enable'"/></xsl:call-template></button>
            </xsl:when>
            <xsl:otherwise>
              <button type="submit" name="op" value="disable" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.disable'"/></xsl:call-template></button>
            </xsl:otherwise>
          </xsl:choose>
        </form>
      </td>
    </tr>
  </xsl:template>

  <!-- tenant set SLUG key=value, from the console (OPS-1) -->
  <xsl:template name="ops-tenant-set">
    <form method="post" action="/tenants/change" class="form ops-tenant-set" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <input type="hidden" name="op" value="set"/>
      <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.set'"/></xsl:call-template></h3>
      <div class="field">
        <label for="f-set-slug"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.f.slug'"/></xsl:call-template></label>
        <select id="f-set-slug" name="slug">
          <xsl:for-each select="content/tenants/tenant">
            <option value="{@slug}"><xsl:value-of select="@slug"/></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="f-set-key"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.f.key'"/></xsl:call-template></label>
        <input id="f-set-key" name="key" type="text" maxlength="64" autocomplete="off"/>
      </div>
      <div class="field">
        <label for="f-set-value"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.f.value'"/></xsl:call-template></label>
        <input id="f-set-value" name="value" type="text" maxlength="200" autocomplete="off"/>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.set.go'"/></xsl:call-template></button>
      </div>
    </form>
  </xsl:template>

  <!-- Why the lifecycle refused (tenant_life.c's words, not translated) -->
  <xsl:template match="content/refused">
    <p class="refused-detail"><code><xsl:value-of select="."/></code></p>
  </xsl:template>

  <!-- A tenant just made: its home page, one click away -->
  <xsl:template match="content/outcome">
    <xsl:variable name="t" select="../tenants/tenant[@slug = current()/@slug]"/>
    <p class="outcome" id="outcome">
      <code><xsl:value-of select="@slug"/></code>
      <xsl:if test="starts-with(@op, 'created') and $t/host">
        <xsl:text> </xsl:text>
        <a href="https://{$t/host[1]}/" class="tenant-home"><xsl:value-of select="$t/host[1]"/></a>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- ================================================================
       ops-tenant-new: a tenant from the template (src/feature/ops/ops_tenant.c)
       ================================================================ -->
  <xsl:template match="page[@name = 'ops-tenant-new']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'ops.tenant.new.intro'"/></xsl:call-template></p>
    <xsl:apply-templates select="content/refused"/>
    <xsl:apply-templates select="form"/>
    <p><a href="/"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.ops-home'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
