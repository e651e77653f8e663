<?xml version="1.0" encoding="UTF-8"?>
<!--
  review.xsl - the review chain and fees (issue 9; src/apply/review.c,
  fee.c): the reviewer's queue (/review), one application's submitted
  snapshot with the actions (/review/<id>), the tenant admin's
  reassignment, the fee list and the fee CSV import with its dry-run
  report.  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="rv-csrf">
    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
  </xsl:template>

  <!-- ==== /review: the queue ============================================ -->
  <xsl:template match="page[@name = 'review-queue']" mode="content">
    <xsl:variable name="q" select="content/review-queue"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="contains(concat(',', /page/user/@roles, ','), ',tenant_admin,')">
      <p class="review-export-link"><a href="/admin/review/export"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.link'"/></xsl:call-template></a></p>
    </xsl:if>
    <ul class="counts">
      <xsl:for-each select="$q/counts/count">
        <li>
          <a href="/review?state={@state}&amp;offering={$q/filters/@offering}&amp;stage={$q/filters/@stage}">
            <xsl:if test="@state = $q/filters/@state"><xsl:attribute name="aria-current">true</xsl:attribute></xsl:if>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('review.state.', @state)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <span class="count" data-state="{@state}"><xsl:value-of select="@n"/></span>
          </a>
        </li>
      </xsl:for-each>
    </ul>
    <form class="filters" method="get" action="/review">
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.offering'"/></xsl:call-template>
        <select name="offering">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.any'"/></xsl:call-template></option>
          <xsl:for-each select="$q/offerings/offering">
            <option value="{@kind}">
              <xsl:if test="@kind = $q/filters/@offering"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
            </option>
          </xsl:for-each>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.stage'"/></xsl:call-template>
        <select name="stage">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.any'"/></xsl:call-template></option>
          <xsl:for-each select="$q/offerings/offering/stage">
            <option value="{@name}">
              <xsl:if test="@name = $q/filters/@stage"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
            </option>
          </xsl:for-each>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.state'"/></xsl:call-template>
        <select name="state">
          <xsl:for-each select="$q/counts/count">
            <option value="{@state}">
              <xsl:if test="@state = $q/filters/@state"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="t"><xsl:with-param name="k" select="concat('review.state.', @state)"/></xsl:call-template>
            </option>
          </xsl:for-each>
          <option value="all">
            <xsl:if test="$q/filters/@state = 'all'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.any'"/></xsl:call-template>
          </option>
        </select>
      </label>
      <!-- An offering's own filter (apply.h tag_*: 筆記試験受験希望地). -->
      <xsl:for-each select="$q/offerings/offering/tag">
        <label>
          <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
          <select name="tag">
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.any'"/></xsl:call-template></option>
            <xsl:for-each select="option">
              <option value="{@value}">
                <xsl:if test="@value = $q/filters/@tag"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
        </label>
      </xsl:for-each>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.filter.days'"/></xsl:call-template>
        <input type="number" name="days" min="0" max="3650" inputmode="numeric" value="{$q/filters/@days}"/>
      </label>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.search'"/></xsl:call-template></button>
    </form>
    <xsl:choose>
      <xsl:when test="not($q/apps/app)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.empty'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table class="data review-queue">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.number'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.name'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.offering'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.stage'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.state'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.waiting'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$q/apps/app">
                <tr data-id="{@id}">
                  <td><a href="/review/{@id}"><xsl:value-of select="@number"/></a></td>
                  <td><xsl:value-of select="@name"/></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></td>
                  <td><xsl:if test="@stage-title"><xsl:call-template name="t"><xsl:with-param name="k" select="@stage-title"/></xsl:call-template></xsl:if></td>
                  <td>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('review.state.', @state)"/></xsl:call-template>
                    <xsl:if test="@fee = 'unpaid'">
                      <xsl:text> </xsl:text>
                      <span class="badge"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.state.unpaid'"/></xsl:call-template></span>
                    </xsl:if>
                  </td>
                  <td>
                    <xsl:if test="@waiting-days">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'review.days'"/><xsl:with-param name="arg" select="@waiting-days"/></xsl:call-template>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== the stages and the history ===================================== -->
  <xsl:template match="stages" mode="review">
    <ol class="stages">
      <xsl:for-each select="stage">
        <li>
          <xsl:attribute name="class">
            <xsl:choose>
              <xsl:when test="@done">stage done</xsl:when>
              <xsl:when test="@current">stage current</xsl:when>
              <xsl:otherwise>stage</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:if test="@current"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="history" mode="review">
    <xsl:if test="event">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'review.history'"/></xsl:call-template></h2>
      <ol class="history">
        <xsl:for-each select="event">
          <li data-kind="{@kind}">
            <xsl:value-of select="@at"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('review.event.', @kind)"/></xsl:call-template>
            <xsl:if test="@stage-title">
              <xsl:text>（</xsl:text>
              <xsl:call-template name="t"><xsl:with-param name="k" select="@stage-title"/></xsl:call-template>
              <xsl:text>）</xsl:text>
            </xsl:if>
            <xsl:if test="@actor-name">
              <xsl:text> </xsl:text>
              <span class="actor"><xsl:value-of select="@actor-name"/></span>
            </xsl:if>
            <xsl:if test="comment">
              <blockquote class="comment"><xsl:value-of select="comment"/></blockquote>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- The submitted application: every section, every row, as sent. -->
  <xsl:template match="snapshot" mode="review">
    <section class="snapshot" aria-labelledby="snapshot-h">
      <h2 id="snapshot-h">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.snapshot'"/><xsl:with-param name="arg" select="@version"/></xsl:call-template>
      </h2>
      <xsl:for-each select="application/section">
        <h3><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></h3>
        <xsl:choose>
          <xsl:when test="not(row)">
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.section.empty'"/></xsl:call-template></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="row">
              <dl class="snapshot-row" data-section="{../@name}" data-row="{@id}">
                <xsl:for-each select="value">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></dt>
                  <dd data-field="{@name}">
                    <xsl:choose>
                      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                      <xsl:when test="@value-key"><xsl:call-template name="t"><xsl:with-param name="k" select="@value-key"/></xsl:call-template></xsl:when>
                      <xsl:when test="@upload"><xsl:value-of select="@filename"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                    </xsl:choose>
                  </dd>
                </xsl:for-each>
              </dl>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- ==== /review/<id> ===================================================== -->
  <xsl:template match="page[@name = 'review-app']" mode="content">
    <xsl:variable name="r" select="content/review"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <dl class="summary">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.number'"/></xsl:call-template></dt>
      <dd class="number"><xsl:value-of select="$r/@number"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.name'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$r/@name"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.offering'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="$r/@title"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.state'"/></xsl:call-template></dt>
      <dd class="state" data-state="{$r/@state}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('review.state.', $r/@state)"/></xsl:call-template></dd>
      <xsl:if test="$r/@fee">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.state'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', $r/@fee)"/></xsl:call-template></dd>
      </xsl:if>
    </dl>
    <xsl:apply-templates select="$r/stages" mode="review"/>
    <xsl:if test="$r/@can-act">
      <xsl:apply-templates select="/page/errors"/>
      <xsl:choose>
        <xsl:when test="$r/@waiting-payment">
          <p class="notice"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.waiting-payment'"/></xsl:call-template></p>
        </xsl:when>
        <xsl:otherwise>
          <form class="review-action" method="post" action="{/page/form[@id = 'review-action']/@action}">
            <xsl:call-template name="rv-csrf"/>
            <xsl:for-each select="/page/form[@id = 'review-action']/field[@type = 'hidden']">
              <input type="hidden" name="{@name}" value="{value}"/>
            </xsl:for-each>
            <xsl:variable name="cf" select="/page/form[@id = 'review-action']/field[@name = 'comment']"/>
            <label for="review-comment"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.field.comment'"/></xsl:call-template></label>
            <p class="hint" id="review-comment-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.comment.hint'"/></xsl:call-template></p>
            <textarea id="review-comment" name="comment" rows="5" maxlength="2000" aria-describedby="review-comment-hint">
              <xsl:if test="$cf/error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
              <xsl:value-of select="$cf/value"/>
            </textarea>
            <div class="actions">
              <button type="submit" name="action" value="approve" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.btn.approve'"/></xsl:call-template></button>
              <button type="submit" name="action" value="return" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.btn.return'"/></xsl:call-template></button>
              <button type="submit" name="action" value="reject" class="btn btn-danger"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.btn.reject'"/></xsl:call-template></button>
            </div>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:apply-templates select="$r/snapshot" mode="review"/>
    <xsl:apply-templates select="$r/history" mode="review"/>
    <p>
      <xsl:if test="$r/snapshot">
        <a class="btn btn-secondary" href="/review/{$r/@id}/pdf"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.pdf'"/></xsl:call-template></a>
        <xsl:text> </xsl:text>
      </xsl:if>
      <a href="/review"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.back'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <!-- ==== /admin/review/<id>/reassign ======================================= -->
  <xsl:template match="page[@name = 'review-reassign']" mode="content">
    <xsl:variable name="r" select="content/review"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <dl class="summary">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.number'"/></xsl:call-template></dt>
      <dd class="number"><xsl:value-of select="$r/@number"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.offering'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="$r/@title"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.scope'"/></xsl:call-template></dt>
      <dd><code class="scope"><xsl:value-of select="$r/@scope"/></code></dd>
    </dl>
    <xsl:apply-templates select="$r/stages" mode="review"/>
    <xsl:choose>
      <xsl:when test="/page/form[@id = 'review-reassign']">
        <xsl:apply-templates select="/page/errors"/>
        <form method="post" action="{/page/form[@id = 'review-reassign']/@action}">
          <xsl:call-template name="rv-csrf"/>
          <xsl:for-each select="/page/form[@id = 'review-reassign']/field[@type = 'hidden']">
            <input type="hidden" name="{@name}" value="{value}"/>
          </xsl:for-each>
          <label for="reassign-to"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.field.reviewer'"/></xsl:call-template></label>
          <select id="reassign-to" name="reviewer" required="required">
            <xsl:for-each select="$r/reviewers/reviewer">
              <option value="{@uid}">
                <xsl:if test="concat('uid:', @uid) = $r/@scope"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@uid"/>
                <xsl:if test="@name"><xsl:text> </xsl:text><xsl:value-of select="@name"/></xsl:if>
              </option>
            </xsl:for-each>
          </select>
          <label for="reassign-reason"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.field.reason'"/></xsl:call-template></label>
          <textarea id="reassign-reason" name="reason" rows="3" maxlength="2000" required="required">
            <xsl:value-of select="/page/form[@id = 'review-reassign']/field[@name = 'reason']/value"/>
          </textarea>
          <div class="actions">
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.btn.reassign'"/></xsl:call-template></button>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p class="notice"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.reassign.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="$r/history" mode="review"/>
  </xsl:template>

  <!-- ==== /admin/fees ========================================================= -->
  <xsl:template name="rv-yen">
    <xsl:param name="n"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'fee.yen'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'fee-list']" mode="content">
    <xsl:variable name="fs" select="content/fees"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p><a href="/admin/fees/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.fee-import'"/></xsl:call-template></a></p>
    <ul class="counts">
      <xsl:for-each select="$fs/count">
        <li>
          <a href="/admin/fees?state={@state}">
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', @state)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <span class="count" data-state="{@state}"><xsl:value-of select="@n"/></span>
          </a>
        </li>
      </xsl:for-each>
    </ul>
    <form class="filters" method="get" action="/admin/fees">
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.state'"/></xsl:call-template>
        <select name="state">
          <xsl:call-template name="rv-fee-option"><xsl:with-param name="s" select="'unpaid'"/><xsl:with-param name="cur" select="$fs/filters/@state"/></xsl:call-template>
          <xsl:call-template name="rv-fee-option"><xsl:with-param name="s" select="'paid'"/><xsl:with-param name="cur" select="$fs/filters/@state"/></xsl:call-template>
          <xsl:call-template name="rv-fee-option"><xsl:with-param name="s" select="'all'"/><xsl:with-param name="cur" select="$fs/filters/@state"/></xsl:call-template>
        </select>
      </label>
      <label>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.number'"/></xsl:call-template>
        <input type="text" name="number" maxlength="32" value="{$fs/filters/@number}"/>
      </label>
      <input type="hidden" name="offering" value="{$fs/filters/@offering}"/>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.search'"/></xsl:call-template></button>
    </form>
    <xsl:choose>
      <xsl:when test="not($fs/fee)">
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.empty'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table class="data fees">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.col.number'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.uid'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.amount'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.state'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.col.paid-on'"/></xsl:call-template></th>
                <th scope="col"><span class="visually-hidden"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.btn.confirm'"/></xsl:call-template></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$fs/fee">
                <tr data-id="{@id}" data-number="{@number}">
                  <td><xsl:value-of select="@number"/></td>
                  <td><xsl:value-of select="@uid"/></td>
                  <td class="num"><xsl:call-template name="rv-yen"><xsl:with-param name="n" select="@amount"/></xsl:call-template></td>
                  <td data-state="{@state}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', @state)"/></xsl:call-template></td>
                  <td><xsl:value-of select="@paid-on"/></td>
                  <td>
                    <xsl:if test="@state = 'unpaid'">
                      <form method="post" action="/admin/fees/{@id}/confirm" class="inline">
                        <xsl:call-template name="rv-csrf"/>
                        <label class="visually-hidden" for="paid-on-{@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.field.paid-on'"/></xsl:call-template></label>
                        <input type="date" id="paid-on-{@id}" name="paid_on"/>
                        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.btn.confirm'"/></xsl:call-template></button>
                      </form>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rv-fee-option">
    <xsl:param name="s"/>
    <xsl:param name="cur"/>
    <option value="{$s}">
      <xsl:if test="$s = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('fee.state.', $s)"/></xsl:call-template>
    </option>
  </xsl:template>

</xsl:stylesheet>
