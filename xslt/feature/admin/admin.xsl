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
      <li class="link-card"><a class="link-card-link" href="/admin/members"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-members'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/unlock"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-unlock'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/audit"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-audit'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/queues"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-queues'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/imports"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-imports'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/mail"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-mail'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/outbox"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-outbox'"/></xsl:call-template></a></li>
    </ul>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-unlock']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'unlock.intro'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-audit']" mode="content">
    <xsl:variable name="a" select="content/audit"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="site/@slug != 'ops'">
      <form method="get" action="/admin/audit" class="search-form audit-filter">
        <xsl:call-template name="adm-filter-input"><xsl:with-param name="n" select="'actor'"/><xsl:with-param name="v" select="$a/@actor"/></xsl:call-template>
        <xsl:call-template name="adm-filter-input"><xsl:with-param name="n" select="'object'"/><xsl:with-param name="v" select="$a/@object"/></xsl:call-template>
        <xsl:call-template name="adm-filter-input"><xsl:with-param name="n" select="'action'"/><xsl:with-param name="v" select="$a/@action"/></xsl:call-template>
        <xsl:call-template name="adm-filter-input"><xsl:with-param name="n" select="'from'"/><xsl:with-param name="v" select="$a/@from"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:call-template name="adm-filter-input"><xsl:with-param name="n" select="'to'"/><xsl:with-param name="v" select="$a/@to"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.filter.go'"/></xsl:call-template></button>
      </form>
      <p><a class="audit-csv" href="/admin/audit.csv?actor={$a/@actor}&amp;object={$a/@object}&amp;action={$a/@action}&amp;from={$a/@from}&amp;to={$a/@to}"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.csv'"/></xsl:call-template></a></p>
    </xsl:if>
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
    <form method="get" action="/admin/outbox" class="search-form outbox-filter">
      <label for="outbox-rcpt"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.search'"/></xsl:call-template></label>
      <input type="search" id="outbox-rcpt" name="rcpt" value="{content/outbox/@rcpt}"/>
      <label for="outbox-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.state'"/></xsl:call-template></label>
      <select id="outbox-state" name="state">
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.any'"/></xsl:call-template></option>
        <xsl:call-template name="adm-outbox-option"><xsl:with-param name="v" select="'queued'"/></xsl:call-template>
        <xsl:call-template name="adm-outbox-option"><xsl:with-param name="v" select="'sent'"/></xsl:call-template>
        <xsl:call-template name="adm-outbox-option"><xsl:with-param name="v" select="'failed'"/></xsl:call-template>
      </select>
      <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.search'"/></xsl:call-template></button>
    </form>
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
                <xsl:if test="error"><br/><span class="error smtp-error"><xsl:value-of select="error"/></span></xsl:if>
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

  <!-- ADM-1: the member directory, one page of the search. -->
  <xsl:template match="page[@name = 'admin-members']" mode="content">
    <xsl:variable name="m" select="content/members"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <form method="get" action="/admin/members" class="search-form">
      <label for="adm-q"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.q'"/></xsl:call-template></label>
      <input type="search" id="adm-q" name="q" value="{$m/@q}" maxlength="100"/>
      <label for="adm-role"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.role'"/></xsl:call-template></label>
      <select id="adm-role" name="role">
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.any'"/></xsl:call-template></option>
        <xsl:for-each select="$m/roles/role">
          <option value="{@name}"><xsl:if test="@name = $m/@role"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
        </xsl:for-each>
      </select>
      <label for="adm-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.state'"/></xsl:call-template></label>
      <select id="adm-state" name="state">
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.any'"/></xsl:call-template></option>
        <xsl:call-template name="adm-state-option"><xsl:with-param name="v" select="'locked'"/><xsl:with-param name="cur" select="$m/@state"/></xsl:call-template>
        <xsl:call-template name="adm-state-option"><xsl:with-param name="v" select="'totp'"/><xsl:with-param name="cur" select="$m/@state"/></xsl:call-template>
        <xsl:call-template name="adm-state-option"><xsl:with-param name="v" select="'nototp'"/><xsl:with-param name="cur" select="$m/@state"/></xsl:call-template>
        <xsl:call-template name="adm-state-option"><xsl:with-param name="v" select="'pending'"/><xsl:with-param name="cur" select="$m/@state"/></xsl:call-template>
      </select>
      <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.search'"/></xsl:call-template></button>
    </form>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.uid'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.no'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.name'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.mail'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.roles'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.state'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$m/member">
            <tr>
              <td><a href="/admin/members/{@uid}"><code><xsl:value-of select="@uid"/></code></a></td>
              <td><xsl:value-of select="@no"/></td>
              <td><xsl:value-of select="@name"/><xsl:if test="@kana"><br/><small><xsl:value-of select="@kana"/></small></xsl:if></td>
              <td><xsl:value-of select="@mail"/></td>
              <td><xsl:value-of select="@roles"/></td>
              <td>
                <xsl:if test="@locked = '1'"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.state.locked'"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
                <xsl:if test="@totp = '1'"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.state.totp'"/></xsl:call-template></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:if test="not($m/member)"><p><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.none'"/></xsl:call-template></p></xsl:if>
    <nav class="pager">
      <xsl:if test="$m/@page &gt; 0"><a href="/admin/members?q={$m/@q}&amp;role={$m/@role}&amp;state={$m/@state}&amp;page={$m/@page - 1}"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.prev'"/></xsl:call-template></a><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="$m/@next"><a href="/admin/members?q={$m/@q}&amp;role={$m/@role}&amp;state={$m/@state}&amp;page={$m/@next}"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.next'"/></xsl:call-template></a></xsl:if>
    </nav>
  </xsl:template>

  <xsl:template name="adm-filter-input">
    <xsl:param name="n"/>
    <xsl:param name="v"/>
    <xsl:param name="type" select="'text'"/>
    <label for="audit-{$n}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('audit.filter.', $n)"/></xsl:call-template></label>
    <input type="{$type}" id="audit-{$n}" name="{$n}" value="{$v}"/>
  </xsl:template>

  <xsl:template name="adm-outbox-option">
    <xsl:param name="v"/>
    <option value="{$v}"><xsl:if test="$v = /page/content/outbox/@state"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="concat('outbox.state.', $v)"/></xsl:call-template></option>
  </xsl:template>

  <!-- ADM-1: the tenant's mail templates with variables and a preview. -->
  <xsl:template match="page[@name = 'admin-mail']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'mailtpl.intro'"/></xsl:call-template></p>
    <xsl:for-each select="content/templates/template">
      <section class="mail-template" id="mail-{@name}">
        <h2><code><xsl:value-of select="@name"/></code></h2>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'mailtpl.vars'"/></xsl:call-template><xsl:text>: </xsl:text>
          <xsl:for-each select="vars/var"><code>{{<xsl:value-of select="@name"/>}}</code><xsl:if test="position() != last()"><xsl:text> </xsl:text></xsl:if></xsl:for-each></p>
        <xsl:if test="error"><p class="error"><xsl:value-of select="error"/></p></xsl:if>
        <xsl:if test="subject">
          <details>
            <summary><xsl:call-template name="t"><xsl:with-param name="k" select="'mailtpl.preview'"/></xsl:call-template><xsl:text>: </xsl:text><xsl:value-of select="subject"/></summary>
            <pre class="mail-preview"><xsl:value-of select="body"/></pre>
          </details>
        </xsl:if>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- ADM-1: every CSV import the tenant's features mount. -->
  <xsl:template match="page[@name = 'admin-imports']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.intro'"/></xsl:call-template></p>
    <ul class="link-cards imports">
      <xsl:for-each select="content/imports/import">
        <li class="link-card"><a class="link-card-link" href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.', @name)"/></xsl:call-template></a></li>
      </xsl:for-each>
    </ul>
    <xsl:if test="not(content/imports/import)"><p><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.none'"/></xsl:call-template></p></xsl:if>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.history'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="content/history/commit">
        <div class="table-wrap">
          <table class="data import-history">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.at'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.page'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.actor'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.rows'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.file'"/></xsl:call-template></th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="content/history/commit">
                <tr>
                  <td><xsl:value-of select="@at"/></td>
                  <td><a href="{@path}"><xsl:value-of select="@path"/></a></td>
                  <td><a href="/admin/members?q={@actor}"><xsl:value-of select="@actor"/></a></td>
                  <td class="num"><xsl:value-of select="@rows"/><xsl:if test="@tallies != ''"> (<xsl:value-of select="@tallies"/>)</xsl:if></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@kept = '1'"><a class="import-file" href="/admin/imports/{@id}"><xsl:value-of select="@filename"/></a></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@filename"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text> </xsl:text><small><xsl:value-of select="@bytes"/> B</small>
                  </td>
                  <td><code class="sha256"><xsl:value-of select="@sha256"/></code></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p><xsl:call-template name="t"><xsl:with-param name="k" select="'imports.history.none'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="adm-state-option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}"><xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.state.', $v)"/></xsl:call-template></option>
  </xsl:template>

  <!-- One action's form: a reason is required (ADM-1). -->
  <xsl:template name="adm-action">
    <xsl:param name="m"/>
    <xsl:param name="action"/>
    <xsl:param name="role" select="''"/>
    <form method="post" action="/admin/members/{$m/@uid}" class="inline-form adm-action">
      <input type="hidden" name="csrf" value="{$m/@csrf}"/>
      <input type="hidden" name="action" value="{$action}"/>
      <xsl:if test="$role != ''"><input type="hidden" name="role" value="{$role}"/></xsl:if>
      <label><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.reason'"/></xsl:call-template>
        <input type="text" name="reason" required="required" maxlength="500"/></label>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.act.', $action)"/></xsl:call-template><xsl:if test="$role != ''"><xsl:text>: </xsl:text><xsl:value-of select="$role"/></xsl:if></button>
    </form>
  </xsl:template>

  <!-- ADM-1: one member, their account, history and actions. -->
  <xsl:template match="page[@name = 'admin-member']" mode="content">
    <xsl:variable name="m" select="content/member"/>
    <h1><xsl:apply-templates select="." mode="title"/><xsl:text>: </xsl:text><xsl:value-of select="$m/@name"/><xsl:text> </xsl:text><code><xsl:value-of select="$m/@uid"/></code></h1>
    <p><a href="/admin/members"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-members'"/></xsl:call-template></a></p>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.record'"/></xsl:call-template></h2>
    <dl class="adm-record">
      <xsl:for-each select="$m/@no | $m/@name | $m/@kana | $m/@mail | $m/@birth | $m/@phone | $m/@work | $m/@activated">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.', name())"/></xsl:call-template></dt>
        <dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
    </dl>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.account'"/></xsl:call-template></h2>
    <dl class="adm-account">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.locked'"/></xsl:call-template></dt>
      <dd class="adm-locked"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.yesno.', $m/@locked)"/></xsl:call-template><xsl:if test="$m/@locked = '1'"><xsl:text> </xsl:text><xsl:value-of select="$m/@locked-until"/></xsl:if></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.totp'"/></xsl:call-template></dt>
      <dd class="adm-totp"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.onoff.', $m/@totp)"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.last-login'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$m/@last-login"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.terms'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$m/@terms"/><xsl:text> </xsl:text><xsl:value-of select="$m/@terms-at"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.sessions'"/></xsl:call-template></dt>
      <dd class="adm-sessions"><xsl:value-of select="$m/@sessions"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.roles'"/></xsl:call-template></dt>
      <dd class="adm-roles"><xsl:value-of select="$m/@roles"/></dd>
    </dl>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.actions'"/></xsl:call-template></h2>
    <xsl:if test="$m/@locked = '1'"><xsl:call-template name="adm-action"><xsl:with-param name="m" select="$m"/><xsl:with-param name="action" select="'unlock'"/></xsl:call-template></xsl:if>
    <xsl:if test="$m/@totp = '1'"><xsl:call-template name="adm-action"><xsl:with-param name="m" select="$m"/><xsl:with-param name="action" select="'totp-reset'"/></xsl:call-template></xsl:if>
    <xsl:if test="$m/@sessions &gt; 0"><xsl:call-template name="adm-action"><xsl:with-param name="m" select="$m"/><xsl:with-param name="action" select="'sessions-end'"/></xsl:call-template></xsl:if>
    <xsl:if test="not($m/@self)"><xsl:call-template name="adm-action"><xsl:with-param name="m" select="$m"/><xsl:with-param name="action" select="'temp-password'"/></xsl:call-template></xsl:if>
    <xsl:for-each select="$m/grantable/role">
      <xsl:variable name="held" select="contains(concat(',', $m/@roles, ','), concat(',', @name, ','))"/>
      <xsl:call-template name="adm-action">
        <xsl:with-param name="m" select="$m"/>
        <xsl:with-param name="action" select="concat('role-', substring('revoke', 1, 6 * $held), substring('grant', 1, 5 * not($held)))"/>
        <xsl:with-param name="role" select="@name"/>
      </xsl:call-template>
    </xsl:for-each>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.history'"/></xsl:call-template></h2>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.kind'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.what'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.state'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'adm.detail'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$m/history/item">
            <tr class="adm-{@kind}">
              <td><xsl:value-of select="@at"/></td>
              <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('adm.kind.', @kind)"/></xsl:call-template></td>
              <td><code><xsl:value-of select="@what"/></code></td>
              <td><xsl:value-of select="@state"/></td>
              <td><xsl:value-of select="@text"/><xsl:if test="@error"><br/><span class="error"><xsl:value-of select="@error"/></span></xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

</xsl:stylesheet>
