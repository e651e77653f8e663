<?xml version="1.0" encoding="UTF-8"?>
<!--
  cme.xsl - the feature "cme" (src/feature/cme/; issue 13, seed 004):
  研修会（講習会）管理メインメニュー, 座学研修（生涯教育制度）単位等追加入力,
  認定（修了）申請履歴 認定証・修了証ダウンロード, and the words the seed puts
  around the application's own pages (apply.xsl, mode apply-extra).
  Messages: i18n/*-cme.xml (keys "cme.…").

  Models:
    cme-menu     <cme-menu><entry key href note/>…</cme-menu>
    cme-self     <cme-self fy today/>, the generic form
    cme-history  <cme-history kind fy from to view fy-now fy-first>
                   <app id number? state year created-at submitted-at?
                   decided-at? certificate?><comment/>?</app>…
                 </cme-history>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@name = 'cme-menu']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.menu.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="page[@name = 'cme-self']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.self.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="page[@name = 'cme-history']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.title'"/></xsl:call-template>
  </xsl:template>

  <!-- ================================================================
       cme-menu: the three entries of seed 004, then the ledger
       ================================================================ -->
  <xsl:template match="page[@name = 'cme-menu']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <ol class="cme-menu">
      <xsl:for-each select="content/cme-menu/entry">
        <li>
          <p><a class="btn btn-primary" href="{@href}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
          </a></p>
          <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="@note"/></xsl:call-template></p>
        </li>
      </xsl:for-each>
    </ol>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.rule'"/></xsl:call-template></p>
  </xsl:template>

  <!-- ================================================================
       cme-self: 単位等追加入力 (this fiscal year only)
       ================================================================ -->
  <xsl:template match="page[@name = 'cme-self']" mode="content">
    <xsl:variable name="s" select="content/cme-self"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.self.intro'"/></xsl:call-template></p>
    <p><strong>
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="'cme.self.fy'"/>
        <xsl:with-param name="arg" select="$s/@fy"/>
      </xsl:call-template>
    </strong></p>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.self.auto'"/></xsl:call-template></p>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.self.society'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
    <p>
      <a href="/application/kakari"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.offering'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/credits"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.ledger'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/cme"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.menu'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <!-- ================================================================
       cme-history: search by kind and 申告年度 or 申告日; the states
       ================================================================ -->
  <xsl:template match="page[@name = 'cme-history']" mode="content">
    <xsl:variable name="h" select="content/cme-history"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <form class="form cme-search" method="get" action="/cme/history">
      <input type="hidden" name="view" value="{$h/@view}"/>
      <div class="field">
        <label for="cme-kind"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.kind'"/></xsl:call-template></label>
        <select id="cme-kind" name="kind">
          <option value="kakari" selected="selected"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.field.course.kakari'"/></xsl:call-template></option>
        </select>
      </div>
      <div class="field">
        <label for="cme-fy"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.fy'"/></xsl:call-template></label>
        <select id="cme-fy" name="fy">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.any'"/></xsl:call-template></option>
          <xsl:call-template name="cme-fy-options">
            <xsl:with-param name="y" select="number($h/@fy-now)"/>
            <xsl:with-param name="last" select="number($h/@fy-first)"/>
            <xsl:with-param name="sel" select="$h/@fy"/>
          </xsl:call-template>
        </select>
      </div>
      <div class="field">
        <label for="cme-from"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.from'"/></xsl:call-template></label>
        <input id="cme-from" type="date" name="from" value="{$h/@from}"/>
      </div>
      <div class="field">
        <label for="cme-to"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.to'"/></xsl:call-template></label>
        <input id="cme-to" type="date" name="to" value="{$h/@to}"/>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.search'"/></xsl:call-template></button>
      </div>
    </form>
    <xsl:choose>
      <xsl:when test="not($h/app)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.none'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap"><table class="data stack cme-history">
          <thead><tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.number'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.fy'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.submitted'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.state'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.cert'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$h/app">
              <tr class="cme-app state-{@state}">
                <td><xsl:attribute name="data-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.number'"/></xsl:call-template></xsl:attribute><a href="/application/kakari"><xsl:value-of select="@number"/><xsl:if test="not(@number)">-</xsl:if></a></td>
                <td><xsl:attribute name="data-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.fy'"/></xsl:call-template></xsl:attribute><xsl:value-of select="@year"/></td>
                <td><xsl:attribute name="data-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.submitted'"/></xsl:call-template></xsl:attribute><xsl:if test="@submitted-at"><xsl:call-template name="date"><xsl:with-param name="d" select="@submitted-at"/></xsl:call-template></xsl:if></td>
                <td>
                  <xsl:attribute name="data-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.state'"/></xsl:call-template></xsl:attribute>
                  <span class="badge cme-state-{@state}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('cme.state.', @state)"/></xsl:call-template></span>
                  <xsl:if test="comment and (@state = 'returned' or @state = 'rejected')">
                    <p class="cme-comment">
                      <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('cme.history.comment.', @state)"/></xsl:call-template></strong>
                      <xsl:text>: </xsl:text>
                      <span class="pre-wrap"><xsl:value-of select="comment"/></span>
                    </p>
                  </xsl:if>
                </td>
                <td>
                  <xsl:attribute name="data-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.cert'"/></xsl:call-template></xsl:attribute>
                  <xsl:if test="@certificate">
                    <a class="btn btn-secondary" href="{@certificate}"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.download'"/></xsl:call-template></a>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table></div>
      </xsl:otherwise>
    </xsl:choose>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.only'"/></xsl:call-template></p>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.history.print'"/></xsl:call-template></p>
    <p><a href="/cme"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.menu'"/></xsl:call-template></a></p>
  </xsl:template>

  <xsl:template name="cme-fy-options">
    <xsl:param name="y"/>
    <xsl:param name="last"/>
    <xsl:param name="sel"/>
    <xsl:if test="$y &gt;= $last">
      <option value="{$y}">
        <xsl:if test="string($y) = string($sel)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:value-of select="$y"/>
      </option>
      <xsl:call-template name="cme-fy-options">
        <xsl:with-param name="y" select="$y - 1"/>
        <xsl:with-param name="last" select="$last"/>
        <xsl:with-param name="sel" select="$sel"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       The application's own pages (apply.xsl): seed 004's words
       ================================================================ -->
  <xsl:template match="apply[@kind = 'kakari']" mode="apply-extra">
    <xsl:choose>
      <xsl:when test="@section = 'dest'">
        <!-- 2-2: a member's own association is the default; a non-member
             chooses the nearest; a designated one wins either way. -->
        <p class="hint">
          <xsl:choose>
            <xsl:when test="/page/form/@member = '1'"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.dest.note.member'"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.dest.note.nonmember'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:when>
      <xsl:when test="@section = 'lecture'">
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.lecture.note'"/></xsl:call-template></p>
        <p><a class="btn btn-secondary" href="/cme/self"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.self'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:when test="@section = 'practical'">
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.practical.note'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="not(@section)">
        <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.rule'"/></xsl:call-template></p>
        <!-- Seed 004 p.4: the ways to earn lecture credits. -->
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.ways'"/></xsl:call-template></p>
        <ol class="cme-ways">
          <li><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.ways.elearning'"/></xsl:call-template></li>
          <li><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.ways.event'"/></xsl:call-template></li>
          <li><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.ways.other'"/></xsl:call-template></li>
        </ol>
        <p>
          <a href="/cme/self"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.self'"/></xsl:call-template></a>
          <xsl:text> · </xsl:text>
          <a href="/credits"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.ledger'"/></xsl:call-template></a>
          <xsl:text> · </xsl:text>
          <a href="/cme"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.link.menu'"/></xsl:call-template></a>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================
       The tenant admin's associations (cme_admin.c):
         cme-admin-assocs  <cme-assocs pref year? count>
                             <pref code>name</pref>…
                             <assoc code kind pref-name name submitted
                               returned approved rejected/>…
                           </cme-assocs>
         cme-admin-assoc   <cme-assoc code/>, the generic form
       ================================================================ -->
  <xsl:template match="page[@name = 'cme-admin-assocs']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'menu.cme.admin-assocs'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="page[@name = 'cme-admin-assoc']" mode="title">
    <xsl:choose>
      <xsl:when test="content/cme-assoc/@code != ''"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.edit'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.new'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'cme-admin-assocs']" mode="content">
    <xsl:variable name="l" select="content/cme-assocs"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.intro'"/></xsl:call-template></p>
    <p>
      <a class="btn btn-primary" href="/admin/cme/assocs/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.new'"/></xsl:call-template></a>
      <xsl:text> </xsl:text>
      <a class="btn btn-secondary" href="/admin/cme/assocs/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.cme-admin-assocs-import'"/></xsl:call-template></a>
      <xsl:text> </xsl:text>
      <a href="/admin/review/export"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.export'"/></xsl:call-template></a>
    </p>
    <form class="form form-inline" method="get" action="/admin/cme/assocs">
      <label for="cme-apref"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.field.pref'"/></xsl:call-template></label>
      <select id="cme-apref" name="pref">
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.all'"/></xsl:call-template></option>
        <xsl:for-each select="$l/pref">
          <option value="{@code}"><xsl:if test="@code = $l/@pref"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
        </xsl:for-each>
      </select>
      <label for="cme-ayear"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.year'"/></xsl:call-template></label>
      <input id="cme-ayear" type="text" inputmode="numeric" name="year" value="{$l/@year}" maxlength="4" size="4"/>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.search'"/></xsl:call-template></button>
    </form>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.count'"/><xsl:with-param name="arg" select="$l/@count"/></xsl:call-template></p>
    <div class="table-wrap">
      <table class="data stack cme-assocs">
        <thead><tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.code'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.field.pref'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.name-ja'"/></xsl:call-template></th>
          <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.submitted'"/></xsl:call-template></th>
          <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.returned'"/></xsl:call-template></th>
          <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.approved'"/></xsl:call-template></th>
          <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.rejected'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:variable name="l-code"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.code'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-pref"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.field.pref'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-name"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.name-ja'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-submitted"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.submitted'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-returned"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.returned'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-approved"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.approved'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-rejected"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.state.rejected'"/></xsl:call-template></xsl:variable>
          <xsl:for-each select="$l/assoc">
            <tr class="cme-assoc-{@kind}">
              <td data-label="{$l-code}"><a href="/admin/cme/assocs/{@code}"><xsl:value-of select="@code"/></a></td>
              <td data-label="{$l-pref}"><xsl:value-of select="@pref-name"/></td>
              <td data-label="{$l-name}"><xsl:value-of select="@name"/></td>
              <td class="num" data-label="{$l-submitted}"><xsl:value-of select="@submitted"/></td>
              <td class="num" data-label="{$l-returned}"><xsl:value-of select="@returned"/></td>
              <td class="num" data-label="{$l-approved}"><xsl:value-of select="@approved"/></td>
              <td class="num" data-label="{$l-rejected}"><xsl:value-of select="@rejected"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="page[@name = 'cme-admin-assoc']" mode="content">
    <xsl:variable name="a" select="content/cme-assoc"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.code-hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
    <xsl:if test="$a/reviewers">
      <!-- CME-7: who reviews this association's applications. -->
      <section class="cme-reviewers">
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewers'"/></xsl:call-template></h2>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewers-hint'"/></xsl:call-template></p>
        <xsl:choose>
          <xsl:when test="$a/reviewers/reviewer">
            <ul class="cme-reviewer-list">
              <xsl:for-each select="$a/reviewers/reviewer">
                <li>
                  <xsl:value-of select="@uid"/>
                  <xsl:if test="@name != ''"><xsl:text> </xsl:text><xsl:value-of select="@name"/></xsl:if>
                  <xsl:text> </xsl:text>
                  <form class="form-inline" method="post" action="/admin/cme/assocs/{$a/@code}/reviewers">
                    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                    <input type="hidden" name="op" value="remove"/>
                    <input type="hidden" name="reviewer_uid" value="{@uid}"/>
                    <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewer-remove'"/></xsl:call-template></button>
                  </form>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewers-none'"/></xsl:call-template></p></xsl:otherwise>
        </xsl:choose>
        <form class="form form-inline" method="post" action="/admin/cme/assocs/{$a/@code}/reviewers">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <input type="hidden" name="op" value="add"/>
          <label for="cme-reviewer-uid"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewer-uid'"/></xsl:call-template></label>
          <input id="cme-reviewer-uid" type="text" name="reviewer_uid" maxlength="64" required="required"/>
          <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.admin.reviewer-add'"/></xsl:call-template></button>
        </form>
      </section>
    </xsl:if>
    <p><a href="/admin/cme/assocs"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.cme.admin-assocs'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
